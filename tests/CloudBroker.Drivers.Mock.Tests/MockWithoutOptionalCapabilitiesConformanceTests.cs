using CloudBroker.Drivers.Conformance;

namespace CloudBroker.Drivers.Mock.Tests;

/// <summary>
/// The shared suite against a mock that lacks startStop, reboot, realmChoice and profileRanges: it shows the
/// suite skips exactly the cases of missing capabilities, and that the rest holds for such a provider.
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
