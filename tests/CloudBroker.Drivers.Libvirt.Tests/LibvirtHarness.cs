using CloudBroker.Drivers.Libvirt.Interop;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CloudBroker.Drivers.Libvirt.Tests;

/// <summary>
/// Opens libvirt drivers on the shipped test hosts with a fake clock, and disposes them. By default a provider has
/// one realm, host-a; <see cref="TwoRealms"/> adds host-b.
/// </summary>
internal sealed class LibvirtHarness : IAsyncDisposable
{
    public const string ProviderId = "libvirt-test";
    public const string InstallationId = "test-installation";

    /// <summary>The disk volume this harness's provider makes for an instance.</summary>
    public static string VolumeOf(string instanceId) => LibvirtNames.ForVolume(Guid.Parse(instanceId), ProviderId, InstallationId);

    public static string VolumeOf(Guid instanceId) => VolumeOf(instanceId.ToString());

    private readonly List<ICloudDriver> _opened = [];

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public static (string, string)[] OneRealm { get; } = [("Uris:0:Uri", TestHosts.HostA), ("Uris:0:Realm", "host-a")];

    public static (string, string)[] TwoRealms { get; } =
        [.. OneRealm, ("Uris:1:Uri", TestHosts.HostB), ("Uris:1:Realm", "host-b")];

    /// <summary>A driver on host-a with these settings added (later keys win).</summary>
    public LibvirtDriver Open(params (string Key, string Value)[] settings) => OpenWith(Connections.IsAlive, [.. OneRealm, .. settings]);

    /// <summary>A driver with exactly these settings (no default URIs).</summary>
    public LibvirtDriver OpenExactly(params (string Key, string Value)[] settings) => OpenWith(Connections.IsAlive, settings);

    public LibvirtDriver OpenWith(Func<ConnectionHandle, bool> isAlive, (string Key, string Value)[] settings)
    {
        var driver = LibvirtDriverFactory.Open(Context(settings), isAlive);
        _opened.Add(driver);
        return driver;
    }

    public ProviderContext Context(params (string Key, string Value)[] settings) =>
        new(ProviderId, Configuration(settings), Path.GetTempPath(), InstallationId, Time, NullLoggerFactory.Instance);

    /// <summary>
    /// A context whose settings come from <paramref name="origin"/> (the API's: under the endpoint policy's defaults),
    /// with <paramref name="driverSettings"/> as the driver's section of configuration (boot images, SSH identities).
    /// </summary>
    public ProviderContext Context(ProviderOrigin origin, (string Key, string Value)[] driverSettings, params (string Key, string Value)[] settings) =>
        Context(settings) with
        {
            Origin = origin,
            Endpoints = origin == ProviderOrigin.Api ? EndpointPolicy.Create(["*"], []) : EndpointPolicy.Unrestricted,
            DriverSettings = Configuration(driverSettings),
        };

    /// <summary>A driver opened on <paramref name="context"/>, disposed with the harness.</summary>
    public LibvirtDriver OpenIn(ProviderContext context)
    {
        var driver = LibvirtDriverFactory.Open(context, Connections.IsAlive);
        _opened.Add(driver);
        return driver;
    }

    private static IConfiguration Configuration((string Key, string Value)[] settings) => new ConfigurationBuilder()
        .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
        .Build();

    public async ValueTask DisposeAsync()
    {
        foreach (var driver in _opened)
        {
            await driver.DisposeAsync();
        }
    }
}
