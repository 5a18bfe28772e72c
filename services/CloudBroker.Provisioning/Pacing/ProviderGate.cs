using CloudBroker.Drivers;

namespace CloudBroker.Provisioning.Pacing;

/// <summary>
/// Paces the calls made to one provider: at most <see cref="ProviderLimits.MaxConcurrency"/> at once from
/// this process (its own connections and threads), within the request budget of the call's kind
/// (<see cref="IProviderPacing"/>, shared by every process where the database is). It never blocks: a
/// caller that cannot enter is told how long to wait, and the turn it holds meanwhile.
/// </summary>
public sealed class ProviderGate(string providerId, ProviderLimits limits, IProviderPacing pacing)
{
    private static readonly TimeSpan BusyRetry = TimeSpan.FromMilliseconds(50);
    private int _inFlight;

    public ProviderLimits Limits => limits;

    /// <summary>
    /// Takes a call slot and a request token, or, with <paramref name="turn"/>, uses the token the caller was given
    /// before. On <see cref="GateEntry.Entered"/> the caller must <see cref="Exit"/>; otherwise it comes back after
    /// <see cref="GateEntry.RetryIn"/> with <see cref="GateEntry.Turn"/>.
    /// </summary>
    public async Task<GateEntry> EnterAsync(ProviderCallKind kind, double? turn, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _inFlight) > limits.MaxConcurrency)
        {
            Exit();
            return new GateEntry(false, BusyRetry, turn);
        }

        try
        {
            var (bucket, budget) = limits.BudgetOf(providerId, kind);
            var token = turn is { } held
                ? new PacingTurn(await pacing.UntilAsync(bucket, held, cancellationToken), held)
                : await pacing.TakeAsync(bucket, budget, cancellationToken);
            if (token.Wait > TimeSpan.Zero)
            {
                Exit();
                return new GateEntry(false, token.Wait, token.At);
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

    /// <summary>
    /// The provider throttled a call of <paramref name="kind"/>: its bucket is behind ours, so every turn given out moves
    /// later, and nobody makes such a call again before <paramref name="retryAfter"/> has passed.
    /// </summary>
    public Task ThrottledAsync(ProviderCallKind kind, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        var (bucket, budget) = limits.BudgetOf(providerId, kind);
        return pacing.ThrottledAsync(bucket, budget, retryAfter, cancellationToken);
    }
}
