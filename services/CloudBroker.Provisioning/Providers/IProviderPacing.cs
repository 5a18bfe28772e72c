using CloudBroker.Drivers;
using CloudBroker.Persistence;

namespace CloudBroker.Provisioning.Providers;

/// <summary>
/// Request budgets, one per bucket (a provider, or one kind of its calls): <see cref="RequestBudget.Burst"/> calls at
/// once, then <see cref="RequestBudget.RequestsPerSecond"/>, and a pause when the provider says it is throttling us.
/// A caller always gets a token, now or at a later time it is told (a generic cell rate algorithm: the bucket keeps
/// the time its next token is due and every take moves it on), so a thousand waiting creates each come back at their
/// own turn instead of all retrying at once. Where several processes share the database the budget is shared too
/// (<see cref="SharedProviderPacing"/>), so two workers do not each spend a provider's whole rate limit.
/// </summary>
public interface IProviderPacing
{
    /// <summary>Takes one request token; returns <see cref="TimeSpan.Zero"/> to call now, or how long to wait before calling with it.</summary>
    Task<TimeSpan> TakeAsync(BrokerDbContext db, string bucket, RequestBudget budget, CancellationToken cancellationToken);

    /// <summary>The provider asked us to slow down: no token is due before <paramref name="retryAfter"/> has passed.</summary>
    Task PauseAsync(BrokerDbContext db, string bucket, RequestBudget budget, TimeSpan retryAfter, CancellationToken cancellationToken);
}
