namespace CloudBroker.Provisioning.Providers;

/// <summary>Another provider already reaches a place (<paramref name="Key"/>, as its driver describes it) a provider would reach.</summary>
public sealed record EndpointClash(string ProviderId, string Key)
{
    /// <summary>Why the second provider is refused, for its unavailable reason and the API's 409.</summary>
    public string Reason =>
        $"it reaches the same machines as provider '{ProviderId}' ({Key}): two providers on one endpoint or account would take " +
        "each other's machines; point one of them elsewhere or remove it";
}
