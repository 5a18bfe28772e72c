namespace CloudBroker.Provisioning.Providers;

/// <summary>
/// One shared request budget: a provider's, or one kind of its calls' (key "<id>/<kind>"). Times are seconds since the Unix epoch, so the token arithmetic
/// runs inside one conditional UPDATE on every database.
/// </summary>
public sealed class ProviderPacingRow
{
    public required string ProviderId { get; init; }

    /// <summary>Tokens left at <see cref="RefilledAt"/>.</summary>
    public double Tokens { get; set; }

    public double RefilledAt { get; set; }

    /// <summary>No call before this time (the provider said it was throttling us).</summary>
    public double PausedUntil { get; set; }
}
