namespace CloudBroker.Drivers.Libvirt.Tests;

/// <summary>A harness (fake clock, drivers disposed at the end) per test.</summary>
public abstract class LibvirtTestBase : IAsyncDisposable
{
    internal LibvirtHarness Harness { get; } = new();

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return Harness.DisposeAsync();
    }

    internal static async Task<DriverInstance> GetAsync(ICloudDriver driver, string id) =>
        await driver.GetInstanceAsync(id, Ct) ?? throw new InvalidOperationException($"instance {id} is gone");
}
