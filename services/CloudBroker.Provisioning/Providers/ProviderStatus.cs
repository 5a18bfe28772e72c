namespace CloudBroker.Provisioning.Providers;

public enum ProviderStatus
{
    Available,
    Unavailable,
}
