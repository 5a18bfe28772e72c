using CloudBroker.Drivers;
using CloudBroker.Persistence;

namespace CloudBroker.Provisioning.Providers;

/// <summary>
/// Paces the calls made to one provider: at most <see cref="ProviderLimits.MaxConcurrency"/> at once from
/// this process (its own connections and threads), within the request budget of the call's kind
/// (<see cref="IProviderPacing"/>, shared by every process where the database is). It never blocks: a
/// caller that cannot enter is told how long to wait, and schedules itself again as a timer row.
/// </summary>
public sealed class ProviderGate(string providerId, ProviderLimits limits, IProviderPacing pacing)
{
    private static readonly TimeSpan BusyRetry = TimeSpan.FromMilliseconds(50);
    private int _inFlight;

    public ProviderLimits Limits => limits;

    /// <summary>
    /// Takes a call slot and, unless <paramref name="tokenHeld"/>, a request token. On <see cref="GateEntry.Entered"/>
    /// the caller must <see cref="Exit"/>; otherwise it comes back after <see cref="GateEntry.RetryIn"/>, telling the
    /// gate whether it holds a token (<see cref="GateEntry.TokenHeld"/>).
    /// </summary>
    public async Task<GateEntry> EnterAsync(BrokerDbContext db, ProviderCallKind kind, bool tokenHeld, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _inFlight) > limits.MaxConcurrency)
        {
            Exit();
            return new GateEntry(false, BusyRetry, tokenHeld);
        }

        if (tokenHeld)
        {
            return new GateEntry(true, TimeSpan.Zero);
        }

        try
        {
            var (bucket, budget) = limits.BudgetOf(providerId, kind);
            var wait = await pacing.TakeAsync(db, bucket, budget, cancellationToken);
            if (wait > TimeSpan.Zero)
            {
                Exit();
                return new GateEntry(false, wait, TokenHeld: true);
            }

            return new GateEntry(true, TimeSpan.Zero);
        }
        catch
        {
            Exit();
            throw;
        }
    }

    public void Exit() => Interlocked.Decrement(ref _inFlight);

    /// <summary>The provider throttled a call of <paramref name="kind"/>: nobody makes one again before <paramref name="retryAfter"/> has passed.</summary>
    public Task ThrottledAsync(BrokerDbContext db, ProviderCallKind kind, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        var (bucket, budget) = limits.BudgetOf(providerId, kind);
        return pacing.PauseAsync(db, bucket, budget, retryAfter, cancellationToken);
    }
}
