using CloudBroker.Drivers.Conformance;

namespace CloudBroker.Drivers.Azure.Tests;

/// <summary>The shared driver suite against an <see cref="Testing.Azure.ArmFake"/> over HTTPS, through the real SDKs.</summary>
public sealed class AzureDriverConformanceTests : DriverConformanceTests
{
    private AzureHarness? _harness;

    protected override TimeSpan PollInterval => TimeSpan.FromMilliseconds(50);

    protected override TimeSpan StateTimeout => TimeSpan.FromSeconds(10);

    protected override string UnknownInstanceId => $"cb-{Guid.NewGuid()}";

    protected override async Task<ICloudDriver> CreateDriverAsync()
    {
        _harness = await AzureHarness.StartAsync();
        return _harness.Open();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }
}
