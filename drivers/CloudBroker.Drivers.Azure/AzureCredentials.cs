namespace CloudBroker.Drivers.Azure;

/// <summary>A service principal's client credentials (the provider's <c>Credentials</c> section).</summary>
internal sealed record AzureCredentials(string TenantId, string ClientId, string ClientSecret)
{
    // Never print the secret: records put every property into ToString.
    public override string ToString() => $"tenant {TenantId}, client {ClientId}";
}
