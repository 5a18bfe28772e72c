using System.Threading.Channels;

namespace CloudBroker.Persistence.Background;

/// <summary>
/// Wakes a waiting loop before its next tick, so its interval is only a fallback: a commit of outbox rows wakes the
/// dispatcher, a notification from another process wakes the provider sync. A one-slot channel: many notifications fold
/// into one wake-up, and nothing needs disposing, so a handler that notifies while the host shuts down cannot trip
/// over it. A process has one per kind of change, each a keyed singleton under the entity type whose rows changed
/// (<c>[FromKeyedServices(typeof(OutboxMessage))] WakeSignal</c>).
/// </summary>
public sealed class WakeSignal
{
    private readonly Channel<bool> _wakeUps = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    public void Notify() => _wakeUps.Writer.TryWrite(true);

    /// <summary>
    /// Waits for a signal or <paramref name="timeout"/> (<see cref="Timeout.InfiniteTimeSpan"/>: a signal only) on
    /// <paramref name="time"/>, whichever comes first; true when woken by a signal.
    /// </summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            await _wakeUps.Reader.ReadAsync(either.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false; // The timeout, not a shutdown: time for a round.
        }
    }
}
