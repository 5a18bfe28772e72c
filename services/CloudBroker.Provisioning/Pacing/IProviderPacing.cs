using CloudBroker.Drivers;

namespace CloudBroker.Provisioning.Pacing;

/// <summary>
/// Request budgets, one per bucket (a provider, or one kind of its calls): <see cref="RequestBudget.Burst"/> calls at
/// once, then <see cref="RequestBudget.RequestsPerSecond"/>. A caller always gets a token, now or for a later turn of
/// its own (<see cref="CellRate"/>), so a thousand waiting creates each come back at their turn instead of all
/// retrying at once. Where several processes share the database the budget is shared too
/// (<see cref="SharedProviderPacing"/>), so two workers do not each spend a provider's whole rate limit.
/// </summary>
public interface IProviderPacing
{
    /// <summary>Takes one request token: its turn, and how long until it (<see cref="TimeSpan.Zero"/>: call now).</summary>
    Task<PacingTurn> TakeAsync(string bucket, RequestBudget budget, CancellationToken cancellationToken);

    /// <summary>How long the holder of <paramref name="turn"/> still waits (the turn moves when the provider throttles).</summary>
    Task<TimeSpan> UntilAsync(string bucket, double turn, CancellationToken cancellationToken);

    /// <summary>
    /// The provider throttled a call: every turn given out moves one interval later, and no token is due before
    /// <paramref name="retryAfter"/> has passed.
    /// </summary>
    Task ThrottledAsync(string bucket, RequestBudget budget, TimeSpan retryAfter, CancellationToken cancellationToken);
}
