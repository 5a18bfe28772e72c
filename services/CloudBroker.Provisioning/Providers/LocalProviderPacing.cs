using System.Collections.Concurrent;
using CloudBroker.Drivers;
using CloudBroker.Persistence;

namespace CloudBroker.Provisioning.Providers;

/// <summary>
/// The budget in this process's memory, for the embedded mode, where one process is the only caller of its
/// providers (SQLite allows no other). It costs no database write per provider call.
/// </summary>
internal sealed class LocalProviderPacing(TimeProvider time) : IProviderPacing
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    public Task<TimeSpan> TakeAsync(BrokerDbContext db, string bucket, RequestBudget budget, CancellationToken cancellationToken) =>
        Task.FromResult(BucketOf(bucket, budget).Take(time.GetUtcNow().UtcDateTime));

    public Task PauseAsync(BrokerDbContext db, string bucket, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        if (_buckets.TryGetValue(bucket, out var paused))
        {
            paused.Pause(time.GetUtcNow().UtcDateTime + retryAfter);
        }

        return Task.CompletedTask;
    }

    private Bucket BucketOf(string bucket, RequestBudget budget) =>
        _buckets.GetOrAdd(bucket, _ => new Bucket(budget, time.GetUtcNow().UtcDateTime));

    private sealed class Bucket(RequestBudget budget, DateTime now)
    {
        private readonly Lock _lock = new();
        private double _tokens = budget.Burst;
        private DateTime _refilledAt = now;
        private DateTime _pausedUntil = DateTime.MinValue;

        public TimeSpan Take(DateTime now)
        {
            lock (_lock)
            {
                var elapsed = (now - _refilledAt).TotalSeconds;
                if (elapsed > 0)
                {
                    _tokens = Math.Min(budget.Burst, _tokens + (elapsed * budget.RequestsPerSecond));
                    _refilledAt = now;
                }

                if (now < _pausedUntil)
                {
                    return _pausedUntil - now;
                }

                if (_tokens < 1)
                {
                    return TimeSpan.FromSeconds((1 - _tokens) / budget.RequestsPerSecond);
                }

                _tokens -= 1;
                return TimeSpan.Zero;
            }
        }

        public void Pause(DateTime until)
        {
            lock (_lock)
            {
                if (until > _pausedUntil)
                {
                    _pausedUntil = until;
                }

                _tokens = 0;
            }
        }
    }
}
