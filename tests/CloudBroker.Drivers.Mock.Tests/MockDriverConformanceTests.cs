using CloudBroker.Drivers.Conformance;

namespace CloudBroker.Drivers.Mock.Tests;

/// <summary>The shared driver suite against the mock, on a fake clock (no test waits in real time).</summary>
public sealed class MockDriverConformanceTests : DriverConformanceTests
{
    private readonly MockHarness _harness = new();

    protected override TimeSpan PollInterval => TimeSpan.FromMilliseconds(100);

    protected override Task<ICloudDriver> CreateDriverAsync() => Task.FromResult(_harness.Open());

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
