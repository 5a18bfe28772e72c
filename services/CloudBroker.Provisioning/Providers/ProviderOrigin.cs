namespace CloudBroker.Provisioning.Providers;

/// <summary>Where a provider is defined: in configuration (read-only through the API) or through the API (kept in the database).</summary>
public enum ProviderOrigin
{
    Configuration,
    Api,
}
