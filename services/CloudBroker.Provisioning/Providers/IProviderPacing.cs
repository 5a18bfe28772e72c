using CloudBroker.Drivers;
using CloudBroker.Persistence;

namespace CloudBroker.Provisioning.Providers;

/// <summary>
/// Request budgets, one per bucket (a provider, or a provider's kind of call): a token bucket of
/// <see cref="RequestBudget.RequestsPerSecond"/> and <see cref="RequestBudget.Burst"/>, and a pause when the provider
/// says it is throttling us. Where several
/// processes share the database the budget is shared too (<see cref="SharedProviderPacing"/>), so two workers
/// do not each spend a provider's whole rate limit.
/// </summary>
public interface IProviderPacing
{
    /// <summary>Takes one request token; returns <see cref="TimeSpan.Zero"/>, or how long to wait before trying again.</summary>
    Task<TimeSpan> TakeAsync(BrokerDbContext db, string bucket, RequestBudget budget, CancellationToken cancellationToken);

    /// <summary>The provider asked us to slow down: nobody calls it before <paramref name="retryAfter"/> has passed.</summary>
    Task PauseAsync(BrokerDbContext db, string bucket, TimeSpan retryAfter, CancellationToken cancellationToken);
}
