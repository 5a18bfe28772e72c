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
    ILoggerFactory LoggerFactory);
