using System.Collections.Concurrent;
using CloudBroker.Drivers;

namespace CloudBroker.Provisioning.Pacing;

/// <summary>
/// The budgets in this process's memory, for the embedded mode, where one process is the only caller of its
/// providers (SQLite allows no other). It costs no database write per provider call.
/// </summary>
internal sealed class LocalProviderPacing(TimeProvider time) : IProviderPacing
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    public Task<PacingTurn> TakeAsync(string bucket, RequestBudget budget, CancellationToken cancellationToken) =>
        Task.FromResult(BucketOf(bucket).Take(Now, budget));

    public Task<TimeSpan> UntilAsync(string bucket, double turn, CancellationToken cancellationToken) =>
        Task.FromResult(BucketOf(bucket).Until(turn, Now));

    public Task ThrottledAsync(string bucket, RequestBudget budget, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        BucketOf(bucket).Throttled(Now, retryAfter, budget);
        return Task.CompletedTask;
    }

    private Bucket BucketOf(string bucket) => _buckets.GetOrAdd(bucket, _ => new Bucket());

    private double Now => time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;

    private sealed class Bucket
    {
        private readonly Lock _lock = new();
        private double _due;
        private double _shift;

        public PacingTurn Take(double now, RequestBudget budget)
        {
            lock (_lock)
            {
                _due = CellRate.Next(_due, now - _shift, budget);
                var turn = CellRate.TurnOf(_due, budget);
                return new PacingTurn(CellRate.Until(turn, now - _shift), turn);
            }
        }

        public TimeSpan Until(double turn, double now)
        {
            lock (_lock)
            {
                return CellRate.Until(turn, now - _shift);
            }
        }

        public void Throttled(double now, TimeSpan retryAfter, RequestBudget budget)
        {
            lock (_lock)
            {
                _shift += CellRate.Interval(budget);
                _due = CellRate.PausedUntil(_due, now - _shift + retryAfter.TotalSeconds, budget);
            }
        }
    }
}
