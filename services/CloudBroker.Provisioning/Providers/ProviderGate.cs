namespace CloudBroker.Provisioning.Providers;

/// <summary>
/// Paces the calls this process makes to one provider: at most <see cref="ProviderLimits.MaxConcurrency"/> at once,
/// a token bucket of <see cref="ProviderLimits.RequestsPerSecond"/>, and a pause when the provider says it is
/// throttling us. It never blocks: a caller that cannot enter is told how long to wait, and schedules itself
/// again as a timer row.
/// </summary>
public sealed class ProviderGate(ProviderLimits limits, TimeProvider time)
{
    private readonly Lock _lock = new();
    private int _inFlight;
    private double _tokens = limits.Burst;
    private DateTime _refilledAt = time.GetUtcNow().UtcDateTime;
    private DateTime _pausedUntil = DateTime.MinValue;

    public ProviderLimits Limits => limits;

    /// <summary>Takes a call slot and a token, or says how long to wait before trying again.</summary>
    public bool TryEnter(out TimeSpan retryIn)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow().UtcDateTime;
            Refill(now);
            if (now < _pausedUntil)
            {
                retryIn = _pausedUntil - now;
                return false;
            }

            if (_inFlight >= limits.MaxConcurrency)
            {
                retryIn = TimeSpan.FromMilliseconds(50);
                return false;
            }

            if (_tokens < 1)
            {
                retryIn = TimeSpan.FromSeconds((1 - _tokens) / limits.RequestsPerSecond);
                return false;
            }

            _tokens -= 1;
            _inFlight++;
            retryIn = TimeSpan.Zero;
            return true;
        }
    }

    public void Exit()
    {
        lock (_lock)
        {
            _inFlight--;
        }
    }

    /// <summary>The provider asked us to slow down: nobody calls it again before <paramref name="retryAfter"/> has passed.</summary>
    public void Throttled(TimeSpan retryAfter)
    {
        lock (_lock)
        {
            var until = time.GetUtcNow().UtcDateTime + retryAfter;
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }

            _tokens = 0;
        }
    }

    private void Refill(DateTime now)
    {
        var elapsed = (now - _refilledAt).TotalSeconds;
        if (elapsed > 0)
        {
            _tokens = Math.Min(limits.Burst, _tokens + (elapsed * limits.RequestsPerSecond));
            _refilledAt = now;
        }
    }
}
