using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace CloudBroker.Drivers;

/// <summary>What a driver is given to serve one configured provider.</summary>
/// <param name="ProviderId">The provider's id (an RFC 1123 label).</param>
/// <param name="Settings">The provider's configuration section (<c>CloudBroker:Providers:&lt;id&gt;</c>).</param>
/// <param name="DataDirectory">Absolute path of the broker's data folder, for drivers that keep state.</param>
/// <param name="InstallationId">This broker installation's id, stamped on every machine it makes.</param>
public sealed record ProviderContext(
    string ProviderId,
    IConfiguration Settings,
    string DataDirectory,
    string InstallationId,
    TimeProvider Time,
    ILoggerFactory LoggerFactory)
{
    private static readonly IConfiguration Nothing = new ConfigurationBuilder().Build();

    /// <summary>
    /// Where <see cref="Settings"/> come from. Settings of <see cref="ProviderOrigin.Api"/> may name nothing of the
    /// host: the driver holds them to its <see cref="ICloudDriverFactory.ApiSettings"/> (<see cref="ApiSettingsPolicy.Enforce"/>).
    /// </summary>
    public ProviderOrigin Origin { get; init; } = ProviderOrigin.Configuration;

    /// <summary>Where the provider may connect: the broker's endpoint allow-list for <see cref="ProviderOrigin.Api"/>, else unrestricted.</summary>
    public EndpointPolicy Endpoints { get; init; } = EndpointPolicy.Unrestricted;

    /// <summary>
    /// The driver's own section of configuration (<c>CloudBroker:Drivers:&lt;driver&gt;</c>): what the operator names
    /// once for every provider of the driver — SSH identities, boot images, trust bundles — so that a provider defined
    /// through the API can refer to host files by name without ever naming one.
    /// </summary>
    public IConfiguration DriverSettings { get; init; } = Nothing;
}
