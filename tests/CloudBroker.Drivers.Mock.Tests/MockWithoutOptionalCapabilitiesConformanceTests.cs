using CloudBroker.Drivers.Conformance;

namespace CloudBroker.Drivers.Mock.Tests;

/// <summary>
/// The shared suite against a mock that lacks startStop, reboot, realmChoice and profileRanges: it shows the
/// driver refuses each missing capability's verb with a clear error instead of faking it, and that the rest holds.
/// </summary>
public sealed class MockWithoutOptionalCapabilitiesConformanceTests : DriverConformanceTests
{
    private readonly MockHarness _harness = new();

    protected override TimeSpan PollInterval => TimeSpan.FromMilliseconds(100);

    protected override Task<ICloudDriver> CreateDriverAsync() =>
        Task.FromResult(_harness.Open(("DisabledCapabilities", "startStop,reboot,realmChoice,profileRanges")));

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
