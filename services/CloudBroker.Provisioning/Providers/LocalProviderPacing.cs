using System.Collections.Concurrent;
using CloudBroker.Drivers;
using CloudBroker.Persistence;

namespace CloudBroker.Provisioning.Providers;

/// <summary>
/// The budgets in this process's memory, for the embedded mode, where one process is the only caller of its
/// providers (SQLite allows no other). It costs no database write per provider call.
/// </summary>
internal sealed class LocalProviderPacing(TimeProvider time) : IProviderPacing
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    public Task<TimeSpan> TakeAsync(BrokerDbContext db, string bucket, RequestBudget budget, CancellationToken cancellationToken) =>
        Task.FromResult(BucketOf(bucket).Take(Now, budget));

    public Task PauseAsync(BrokerDbContext db, string bucket, RequestBudget budget, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        BucketOf(bucket).Pause(Now + retryAfter.TotalSeconds, budget);
        return Task.CompletedTask;
    }

    private Bucket BucketOf(string bucket) => _buckets.GetOrAdd(bucket, _ => new Bucket());

    private double Now => time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;

    private sealed class Bucket
    {
        private readonly Lock _lock = new();
        private double _due;

        public TimeSpan Take(double now, RequestBudget budget)
        {
            lock (_lock)
            {
                _due = CellRate.Next(_due, now, budget);
                return CellRate.WaitFor(_due, now, budget);
            }
        }

        public void Pause(double until, RequestBudget budget)
        {
            lock (_lock)
            {
                _due = CellRate.PausedUntil(_due, until, budget);
            }
        }
    }
}
