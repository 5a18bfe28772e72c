using Xunit;

namespace CloudBroker.Drivers.Mock.Tests;

/// <summary>A fresh data folder and fake clock per test, with small helpers for reading states.</summary>
public abstract class MockTestBase : IAsyncDisposable
{
    internal MockHarness Harness { get; } = new();

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return Harness.DisposeAsync();
    }

    /// <summary>Asserts the instance's normalized and native state now.</summary>
    protected static async Task<DriverInstance> ExpectAsync(ICloudDriver driver, string id, DriverInstanceState state, string native)
    {
        var instance = await driver.GetInstanceAsync(id, Ct);
        Assert.NotNull(instance);
        Assert.Equal((state, native), (instance.State, instance.NativeState));
        return instance;
    }

    /// <summary>Asserts <paramref name="before"/> until one tick short of <paramref name="delay"/>, then <paramref name="after"/>.</summary>
    protected async Task ExpectTransitionAsync(
        ICloudDriver driver, string id, TimeSpan delay, (DriverInstanceState State, string Native) before, (DriverInstanceState State, string Native) after)
    {
        await ExpectAsync(driver, id, before.State, before.Native);
        Harness.Time.Advance(delay - TimeSpan.FromTicks(1));
        await ExpectAsync(driver, id, before.State, before.Native);
        Harness.Time.Advance(TimeSpan.FromTicks(1));
        await ExpectAsync(driver, id, after.State, after.Native);
    }

    /// <summary>Creates a machine and moves the clock until it runs (default boot delay 2 s).</summary>
    protected async Task<string> CreateRunningAsync(ICloudDriver driver, string token)
    {
        var id = (await driver.CreateInstanceAsync(MockSpecs.Small(token), Ct)).Id;
        Harness.Time.Advance(TimeSpan.FromSeconds(2));
        await ExpectAsync(driver, id, DriverInstanceState.Running, "ACTIVE");
        return id;
    }
}
