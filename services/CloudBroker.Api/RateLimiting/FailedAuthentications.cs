using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace CloudBroker.Api.RateLimiting;

/// <summary>
/// Failed authentications per source address (<see cref="RateLimitSettings.FailedAuthentication"/>). While an
/// address has none left, its credentials are refused without being checked, right and wrong alike, so a refusal
/// tells a guesser nothing and costs no lookup. A throttled address is logged when it is first throttled, then at
/// most once a minute with what it tried since; addresses that are not throttled leave no trace (a typo is not news,
/// and a spray from many addresses must not grow a table).
/// </summary>
public sealed partial class FailedAuthentications : IDisposable
{
    private static readonly TimeSpan LogInterval = TimeSpan.FromMinutes(1);

    /// <summary>Throttled addresses remembered for the log; past this, those quiet for a log interval are forgotten.</summary>
    private const int MaxTallies = 10_000;

    private readonly PartitionedRateLimiter<string> _buckets;
    private readonly int _burst;
    private readonly TimeSpan _perToken;
    private readonly ConcurrentDictionary<string, Tally> _tallies = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly ILogger<FailedAuthentications> _logger;

    public FailedAuthentications(IOptions<RateLimitSettings> settings, TimeProvider time, ILogger<FailedAuthentications> logger)
    {
        var bucket = settings.Value.FailedAuthentication;
        var options = bucket.ToOptions();
        _burst = bucket.Burst;
        _perToken = TimeSpan.FromSeconds(1 / bucket.RequestsPerSecond);
        _buckets = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetTokenBucketLimiter(address, _ => options));
        _time = time;
        _logger = logger;
    }

    /// <summary>How long <paramref name="address"/> must wait before its credentials are checked again; <c>null</c> when they are checked now.</summary>
    public TimeSpan? Refusing(string address)
    {
        if (!IsSpent(address))
        {
            return null;
        }

        Note(address, failed: false);
        return _perToken;
    }

    /// <summary>Counts a failed authentication from <paramref name="address"/>.</summary>
    public void Failed(string address)
    {
        using var lease = _buckets.AttemptAcquire(address, 1);
        if (IsSpent(address))
        {
            Note(address, failed: true);
        }
    }

    public void Dispose() => _buckets.Dispose();

    /// <summary>
    /// Whether the address has not one whole failure left. (Asking the bucket for zero tokens would not do: it refills
    /// continuously, and any fraction of a token counts as "some left" there.)
    /// </summary>
    private bool IsSpent(string address) => _buckets.GetStatistics(address)?.CurrentAvailablePermits < 1;

    /// <summary>Counts what a throttled address does, and logs it when it is due.</summary>
    private void Note(string address, bool failed)
    {
        var now = _time.GetUtcNow();
        var tally = _tallies.GetOrAdd(address, static (_, at) => new Tally(at), now);
        switch (tally.Count(failed, now, LogInterval))
        {
            case { First: true }:
                LogThrottled(_logger, address, _burst);
                break;
            case { } since:
                LogStillThrottled(_logger, address, since.Failed, since.Refused, (long)Math.Ceiling(since.Period.TotalSeconds));
                break;
        }

        if (_tallies.Count > MaxTallies)
        {
            foreach (var (key, quiet) in _tallies.Where(t => now - t.Value.LastSeen > LogInterval))
            {
                _tallies.TryRemove(new KeyValuePair<string, Tally>(key, quiet));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refusing credentials from {Address} after {Failures} failed authentications")]
    private static partial void LogThrottled(ILogger logger, string address, int failures);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Still refusing credentials from {Address}: {Failed} failed authentications and {Refused} refused attempts in the last {Seconds} s")]
    private static partial void LogStillThrottled(ILogger logger, string address, long failed, long refused, long seconds);

    /// <summary>What one throttled address did since its last log line.</summary>
    private sealed class Tally(DateTimeOffset since)
    {
        private readonly Lock _lock = new();
        private long _failed;
        private long _refused;
        private DateTimeOffset _since = since;
        private DateTimeOffset? _loggedAt;

        public DateTimeOffset LastSeen { get; private set; } = since;

        /// <summary>Counts one attempt; returns what to log when a line is due (the first at once, then one per <paramref name="interval"/>).</summary>
        public (bool First, long Failed, long Refused, TimeSpan Period)? Count(bool failed, DateTimeOffset now, TimeSpan interval)
        {
            lock (_lock)
            {
                if (failed)
                {
                    _failed++;
                }
                else
                {
                    _refused++;
                }

                LastSeen = now;
                if (_loggedAt is { } last && now - last < interval)
                {
                    return null;
                }

                var line = (_loggedAt is null, _failed, _refused, now - _since);
                (_failed, _refused, _since, _loggedAt) = (0, 0, now, now);
                return line;
            }
        }
    }
}
