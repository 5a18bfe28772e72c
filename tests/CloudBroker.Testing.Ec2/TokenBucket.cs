namespace CloudBroker.Testing.Ec2;

/// <summary>EC2's request-rate limit: a bucket of <c>burst</c> tokens refilled at a steady rate, one token per call.</summary>
internal sealed class TokenBucket(TimeProvider time)
{
    private readonly Lock _lock = new();
    private double _tokens = double.NaN;
    private long _last;

    /// <summary>Takes a token if one is left; size and rate are read each call so they can change while the fake runs.</summary>
    public bool TryTake(int burst, double refillPerSecond, double? initialTokens = null)
    {
        lock (_lock)
        {
            var now = time.GetTimestamp();
            _tokens = double.IsNaN(_tokens)
                ? Math.Min(burst, initialTokens ?? burst)
                : Math.Min(burst, _tokens + (time.GetElapsedTime(_last, now).TotalSeconds * refillPerSecond));
            _last = now;
            if (_tokens < 1)
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }
    }
}
