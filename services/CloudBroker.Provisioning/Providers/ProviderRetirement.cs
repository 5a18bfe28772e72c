using CloudBroker.Provisioning.Calls;

namespace CloudBroker.Provisioning.Providers;

/// <summary>
/// Disposes the driver of a provider that was re-opened or removed, after a grace period: a workflow step that
/// took the old driver a moment ago finishes its call on it. Shutdown disposes the rest at once.
/// </summary>
internal sealed class ProviderRetirement(TimeProvider time) : IAsyncDisposable
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private readonly List<Task> _pending = [];

    public void Retire(GatedDriver driver)
    {
        lock (_lock)
        {
            _pending.RemoveAll(t => t.IsCompleted);
            _pending.Add(DisposeLaterAsync(driver));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        Task[] pending;
        lock (_lock)
        {
            pending = [.. _pending];
        }

        await Task.WhenAll(pending);
        _stopping.Dispose();
    }

    private async Task DisposeLaterAsync(GatedDriver driver)
    {
        try
        {
            await Task.Delay(Grace, time, _stopping.Token);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: dispose now.
        }
        finally
        {
            await driver.DisposeAsync();
        }
    }
}
