using System.Collections.Concurrent;
using CloudBroker.Persistence;

namespace CloudBroker.Provisioning.Providers;

/// <summary>
/// The budget in this process's memory, for the embedded mode, where one process is the only caller of its
/// providers (SQLite allows no other). It costs no database write per provider call.
/// </summary>
internal sealed class LocalProviderPacing(TimeProvider time) : IProviderPacing
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    public Task<TimeSpan> TakeAsync(BrokerDbContext db, string providerId, ProviderLimits limits, CancellationToken cancellationToken) =>
        Task.FromResult(BucketOf(providerId, limits).Take(time.GetUtcNow().UtcDateTime));

    public Task PauseAsync(BrokerDbContext db, string providerId, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        if (_buckets.TryGetValue(providerId, out var bucket))
        {
            bucket.Pause(time.GetUtcNow().UtcDateTime + retryAfter);
        }

        return Task.CompletedTask;
    }

    private Bucket BucketOf(string providerId, ProviderLimits limits) =>
        _buckets.GetOrAdd(providerId, _ => new Bucket(limits, time.GetUtcNow().UtcDateTime));

    private sealed class Bucket(ProviderLimits limits, DateTime now)
    {
        private readonly Lock _lock = new();
        private double _tokens = limits.Burst;
        private DateTime _refilledAt = now;
        private DateTime _pausedUntil = DateTime.MinValue;

        public TimeSpan Take(DateTime now)
        {
            lock (_lock)
            {
                var elapsed = (now - _refilledAt).TotalSeconds;
                if (elapsed > 0)
                {
                    _tokens = Math.Min(limits.Burst, _tokens + (elapsed * limits.RequestsPerSecond));
                    _refilledAt = now;
                }

                if (now < _pausedUntil)
                {
                    return _pausedUntil - now;
                }

                if (_tokens < 1)
                {
                    return TimeSpan.FromSeconds((1 - _tokens) / limits.RequestsPerSecond);
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
