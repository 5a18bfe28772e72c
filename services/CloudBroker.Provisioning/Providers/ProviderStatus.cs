namespace CloudBroker.Provisioning.Providers;

/// <summary>Whether a provider can be used: <c>degraded</c> is usable, with calls failing now and then.</summary>
public enum ProviderStatus
{
    Available,
    Degraded,
    Unavailable,
}
