using CloudBroker.Drivers.Conformance;

namespace CloudBroker.Drivers.Libvirt.Tests;

/// <summary>
/// The shared driver suite against a provider of two test-driver hosts (realms host-a and host-b), on a fake
/// clock. The test driver acts at once, so states are reached without waiting.
/// </summary>
public sealed class LibvirtDriverConformanceTests : DriverConformanceTests
{
    private readonly LibvirtHarness _harness = new();

    protected override TimeSpan PollInterval => TimeSpan.FromMilliseconds(100);

    protected override string UnknownInstanceId { get; } = Guid.NewGuid().ToString();

    protected override Task<ICloudDriver> CreateDriverAsync() =>
        Task.FromResult<ICloudDriver>(_harness.OpenExactly(LibvirtHarness.TwoRealms));

    protected override Task AdvanceAsync(TimeSpan by)
    {
        _harness.Time.Advance(by);
        return Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _harness.DisposeAsync();
    }
}
