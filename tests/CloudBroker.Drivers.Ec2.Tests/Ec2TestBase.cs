using Xunit;

namespace CloudBroker.Drivers.Ec2.Tests;

/// <summary>A fresh fake per test (so buckets and counters start full and at zero) and a driver on it.</summary>
public abstract class Ec2TestBase : IAsyncLifetime
{
    private Ec2Harness? _harness;

    internal Ec2Harness Harness => _harness ?? throw new InvalidOperationException("started by InitializeAsync");

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Changes the fake's options before it starts.</summary>
    protected virtual void Configure(Testing.Ec2.Ec2FakeOptions options)
    {
    }

    public async ValueTask InitializeAsync() => _harness = await Ec2Harness.StartAsync(Configure);

    public async ValueTask DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Polls until the instance is in <paramref name="state"/> (5 s at most).</summary>
    protected static async Task<DriverInstance> WaitForAsync(ICloudDriver driver, string id, DriverInstanceState state)
    {
        var until = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            var instance = await driver.GetInstanceAsync(id, Ct);
            if (instance?.State == state)
            {
                return instance;
            }

            Assert.True(DateTime.UtcNow < until, $"{id} did not become {state}; last seen {instance?.State.ToString() ?? "gone"}");
            await Task.Delay(50, Ct);
        }
    }
}
