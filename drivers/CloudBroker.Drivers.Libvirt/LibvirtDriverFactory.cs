using CloudBroker.Drivers.Libvirt.Interop;
using Microsoft.Extensions.Logging;

namespace CloudBroker.Drivers.Libvirt;

/// <summary>
/// Makes libvirt drivers: each provider is a set of libvirt URIs (one realm per host) reached through
/// <c>libvirt.so.0</c>. Settings are in the project's README.
/// </summary>
public sealed class LibvirtDriverFactory : ICloudDriverFactory
{
    public const string DriverName = "libvirt";

    public string Name => DriverName;

    /// <summary>Opens the driver; connections are opened on first use. Throws <see cref="DriverErrorKind.Unavailable"/>
    /// when libvirt is not installed (with the apt-get command that installs it) or the settings are invalid.</summary>
    public ICloudDriver Create(ProviderContext context) => Open(context, Connections.IsAlive);

    /// <summary>The daemons its URIs reach (<see cref="LibvirtEndpoints"/>); libvirt itself is not needed for that.</summary>
    public ProviderEndpoint DescribeEndpoint(ProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return LibvirtEndpoints.Of(LibvirtSettingsLoader.Load(context.Settings, context.ProviderId).Realms);
    }

    /// <param name="isAlive">How a connection's liveness is checked (tests pass a probe that can say "dead").</param>
    internal static LibvirtDriver Open(ProviderContext context, Func<ConnectionHandle, bool> isAlive)
    {
        ArgumentNullException.ThrowIfNull(context);
        LibvirtLibrary.EnsureInitialized();
        var settings = LibvirtSettingsLoader.Load(context.Settings, context.ProviderId);
        var logger = context.LoggerFactory.CreateLogger(typeof(LibvirtDriver).FullName!);
        var realms = new LibvirtRealms([.. settings.Realms.Select(a => new LibvirtConnection(a, isAlive, logger))], logger);
        return new LibvirtDriver(context, settings, realms, logger);
    }
}
