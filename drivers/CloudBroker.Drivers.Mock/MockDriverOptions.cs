using Microsoft.Extensions.Configuration;

namespace CloudBroker.Drivers.Mock;

/// <summary>
/// Settings of one mock provider, bound from its section (<c>CloudBroker:Providers:&lt;id&gt;</c>). All are optional.
/// <list type="table">
/// <listheader><term>Setting</term><description>Meaning (default)</description></listheader>
/// <item><term><c>Seed</c></term><description>Seed of ids and fault dice: the same seed and calls give the same cloud (1).</description></item>
/// <item><term><c>BootDelay</c></term><description>Time from create to running (00:00:02).</description></item>
/// <item><term><c>StopDelay</c></term><description>Time from stop to stopped (00:00:01).</description></item>
/// <item><term><c>StartDelay</c></term><description>Time from start to running (00:00:01).</description></item>
/// <item><term><c>RebootDelay</c></term><description>Time from reboot to running (00:00:01).</description></item>
/// <item><term><c>DestroyDelay</c></term><description>Time from destroy to terminated (00:00:00.5).</description></item>
/// <item><term><c>TerminatedRetention</c></term><description>How long a terminated machine is still listed (00:05:00).</description></item>
/// <item><term><c>Latency</c></term><description>Wait added to every call, on the provider's clock, cancellable (00:00:00).</description></item>
/// <item><term><c>DisabledCapabilities</c></term><description>Comma list of capability ids this provider lacks (none).</description></item>
/// <item><term><c>Capacity:&lt;realm&gt;:Cpu|MemoryMiB|StorageGiB</c></term><description>What a realm holds in all, answered by <see cref="ICloudDriver.ReadCapacityAsync"/> (none: the mock cannot say, so the pool's declared capacity or unlimited applies).</description></item>
/// <item><term><c>Credentials:Username</c>, <c>Credentials:Password</c></term><description>When present, only <c>mockuser</c>/<c>mockpassword</c> is accepted (see <see cref="MockCredentials"/>).</description></item>
/// <item><term><c>Faults:&lt;Verb&gt;:*</c></term><description>Per verb (Create, Start, Stop, Reboot, Destroy, Get, List): see <see cref="MockFaultOptions"/>.</description></item>
/// </list>
/// Durations are <see cref="TimeSpan"/> strings (<c>hh:mm:ss[.fff]</c>). Bad values make the factory throw a
/// <see cref="DriverException"/> naming each bad setting.
/// </summary>
public sealed class MockDriverOptions
{
    public long Seed { get; set; } = 1;

    public TimeSpan BootDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan StopDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan StartDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RebootDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan DestroyDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan TerminatedRetention { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    public string? DisabledCapabilities { get; set; }

    public MockFaultsOptions Faults { get; set; } = new();

    /// <summary>What each realm holds in all, by realm id (see <see cref="MockRealmCapacity"/>).</summary>
    public Dictionary<string, MockRealmCapacity> Capacity { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The credentials the provider was given, or <c>null</c> when it has no <c>Credentials</c> section.</summary>
    public MockCredentials? Credentials { get; set; }

    /// <summary>Binds and validates the settings of provider <paramref name="providerId"/>.</summary>
    public static MockDriverOptions Load(IConfiguration settings, string providerId)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = new MockDriverOptions();
        try
        {
            settings.Bind(options);

            // The provider section also holds the core's keys (Driver, ...), so only Faults is strict: a typo there
            // would otherwise silently inject no fault.
            settings.GetSection(nameof(Faults)).Bind(options.Faults, binder => binder.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException ex)
        {
            throw Invalid(providerId, ex.Message, ex);
        }

        var errors = MockDriverOptionsValidator.Validate(options);
        return errors.Count == 0 ? options : throw Invalid(providerId, string.Join("; ", errors), null);
    }

    /// <summary>Capability.All less <see cref="DisabledCapabilities"/>.</summary>
    internal IReadOnlySet<string> Capabilities()
    {
        var disabled = MockDriverOptionsValidator.ParseCapabilities(DisabledCapabilities).ToHashSet();
        return Capability.All.Where(c => !disabled.Contains(c)).ToHashSet();
    }

    private static DriverException Invalid(string providerId, string detail, Exception? inner) =>
        new(
            DriverErrorKind.Unavailable,
            $"mock provider '{providerId}' has invalid settings: {detail}. Fix its configuration section " +
            "(settings are listed in drivers/CloudBroker.Drivers.Mock/README.md).",
            inner: inner);
}
