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

    private const string HostFileOnly =
        "names a file of the broker's host, written into the domain XML for QEMU to open; only configuration may name it: " +
        "an operator defines a boot image (CloudBroker:Drivers:libvirt:BootImages:<name>:Kernel, …:Initrd, …:Cmdline) and the image names it with Boot";

    public string Name => DriverName;

    /// <summary>
    /// Remote hosts' system daemons (<see cref="LibvirtApiUris"/>: TLS, or SSH with an identity of configuration) and
    /// everything that lives on those hosts (pool, network, volumes, sizes); never a host file or program of the
    /// broker's own host. The URIs and the SSH identity decide where the broker signs in.
    /// </summary>
    public ApiSettingsPolicy ApiSettings => Policy;

    private static ApiSettingsPolicy Policy { get; } = new(
    [
        new("Uris", DecidesEndpoint: true, Check: LibvirtApiUris.JudgeList),
        new("Uris:*", DecidesEndpoint: true, Check: LibvirtApiUris.Judge),
        new("Uris:*:Uri", DecidesEndpoint: true, Check: LibvirtApiUris.Judge),
        new("Uris:*:Realm"),
        new("SshIdentity", DecidesEndpoint: true),
        new("DomainType"), new("StoragePool"), new("Network"), new("StopGracePeriod"), new("VolumeFormat"),
        new("Images:*:Volume"), new("Images:*:Name"), new("Images:*:Description"), new("Images:*:Architecture"), new("Images:*:Boot"),
        ApiSetting.ConfigurationOnly("Images:*:Kernel", HostFileOnly),
        ApiSetting.ConfigurationOnly("Images:*:Initrd", HostFileOnly),
        ApiSetting.ConfigurationOnly("Images:*:Cmdline", "belongs to a boot image of configuration (it goes with its kernel): name one with Images:<id>:Boot"),
        new("HardwareProfiles:*:Cpu"), new("HardwareProfiles:*:MemoryMiB"), new("HardwareProfiles:*:StorageGiB"),
        new("HardwareProfiles:*:Name"), new("HardwareProfiles:*:Architecture"),
    ]);

    /// <summary>Opens the driver; connections are opened on first use. Throws <see cref="DriverErrorKind.Unavailable"/>
    /// when libvirt is not installed (with the apt-get command that installs it) or the settings are invalid.</summary>
    public ICloudDriver Create(ProviderContext context) => Open(context, Connections.IsAlive);

    /// <summary>The daemons its URIs reach (<see cref="LibvirtEndpoints"/>); libvirt itself is not needed for that.</summary>
    public ProviderEndpoint DescribeEndpoint(ProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return LibvirtEndpoints.Of(LibvirtSettingsLoader.Load(context).Realms);
    }

    /// <param name="isAlive">How a connection's liveness is checked (tests pass a probe that can say "dead").</param>
    internal static LibvirtDriver Open(ProviderContext context, Func<ConnectionHandle, bool> isAlive)
    {
        ArgumentNullException.ThrowIfNull(context);
        Policy.Enforce(context, DriverName);
        LibvirtLibrary.EnsureInitialized();
        var settings = LibvirtSettingsLoader.Load(context);
        var logger = context.LoggerFactory.CreateLogger(typeof(LibvirtDriver).FullName!);
        var realms = new LibvirtRealms([.. settings.Realms.Select(a => new LibvirtConnection(a, context.Endpoints, isAlive, logger))], logger);
        return new LibvirtDriver(context, settings, realms, logger);
    }
}
