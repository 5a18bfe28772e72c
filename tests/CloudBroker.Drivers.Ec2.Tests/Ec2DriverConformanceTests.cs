using CloudBroker.Drivers.Conformance;

namespace CloudBroker.Drivers.Ec2.Tests;

/// <summary>The shared driver suite against the EC2 fake over HTTP, with 200 ms boots and fast polling.</summary>
public sealed class Ec2DriverConformanceTests : DriverConformanceTests
{
    private Ec2Harness? _harness;

    protected override TimeSpan PollInterval => TimeSpan.FromMilliseconds(50);

    protected override TimeSpan StateTimeout => TimeSpan.FromSeconds(10);

    /// <summary>Well-formed (EC2's long id format), so the fake answers InvalidInstanceID.NotFound.</summary>
    protected override string UnknownInstanceId => "i-0123456789abcdef0";

    protected override async Task<ICloudDriver> CreateDriverAsync()
    {
        _harness = await Ec2Harness.StartAsync();
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
