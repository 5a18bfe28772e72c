using System.Threading.Channels;

namespace CloudBroker.Persistence.Outbox;

/// <summary>
/// Wakes the dispatcher as soon as a transaction commits new outbox rows, so polling is only a
/// fallback. A one-slot channel: many notifications fold into one wake-up, and nothing needs
/// disposing, so a handler that commits while the host shuts down cannot trip over it.
/// </summary>
public sealed class OutboxSignal
{
    private readonly Channel<bool> _wakeUps = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    public void Notify() => _wakeUps.Writer.TryWrite(true);

    /// <summary>Waits for a signal or the timeout, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await _wakeUps.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The timeout, not a shutdown: time to poll.
        }
    }
}
