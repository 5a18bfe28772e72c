namespace CloudBroker.Drivers;

/// <summary>
/// Where a provider is defined: in configuration (the operator's, who may name files and programs of the broker's
/// host; read-only through the API) or through the API (kept in the database, and held to its driver's
/// <see cref="ICloudDriverFactory.ApiSettings"/>: nothing from the API reaches the host).
/// </summary>
public enum ProviderOrigin
{
    Configuration,
    Api,
}
