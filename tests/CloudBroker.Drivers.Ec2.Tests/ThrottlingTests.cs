using Xunit;

namespace CloudBroker.Drivers.Ec2.Tests;

/// <summary>The RunInstances token bucket, as the driver reports it to the pipeline.</summary>
public sealed class ThrottlingTests : Ec2TestBase
{
    protected override void Configure(Testing.Ec2.Ec2FakeOptions options)
    {
        options.RunInstancesBurst = 2;
        options.RunInstancesRefillPerSecond = 4;
    }

    [Fact]
    public async Task Creates_past_the_bucket_are_throttled_with_a_retry_after_and_make_nothing()
    {
        var driver = Harness.Open();

        await driver.CreateInstanceAsync(Ec2Specs.Micro(), Ct);
        await driver.CreateInstanceAsync(Ec2Specs.Micro(), Ct);
        var ex = await Assert.ThrowsAsync<DriverException>(() => driver.CreateInstanceAsync(Ec2Specs.Micro(), Ct));

        Assert.Equal(DriverErrorKind.Throttled, ex.Kind);
        Assert.True(ex.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(1), ex.RetryAfter);
        Assert.Contains("RequestLimitExceeded", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, Harness.Fake.Counters.Throttled);
        Assert.Equal(2, Harness.Fake.Instances.Count);
    }

    [Fact]
    public async Task After_the_advised_wait_the_bucket_has_refilled()
    {
        var driver = Harness.Open();
        var spec = Ec2Specs.Micro();
        await driver.CreateInstanceAsync(Ec2Specs.Micro(), Ct);
        await driver.CreateInstanceAsync(Ec2Specs.Micro(), Ct);
        var ex = await Assert.ThrowsAsync<DriverException>(() => driver.CreateInstanceAsync(spec, Ct));

        await Task.Delay(ex.RetryAfter!.Value, Ct);
        var created = await driver.CreateInstanceAsync(spec, Ct);

        Assert.Equal(3, Harness.Fake.Instances.Count);
        Assert.Contains(Harness.Fake.Instances, m => m.Id == created.Id);
    }

    [Fact]
    public async Task Reads_are_not_limited_by_the_RunInstances_bucket()
    {
        var driver = Harness.Open();

        for (var i = 0; i < 10; i++)
        {
            await driver.ListInstancesAsync(Ct);
        }

        Assert.Equal(0, Harness.Fake.Counters.Throttled);
    }
}
