namespace CloudBroker.Testing.Azure;

/// <summary>
/// ARM's subscription write limit as a token bucket: each write takes a token; an empty bucket answers 429 with the
/// whole seconds until the next token (what ARM puts in <c>Retry-After</c>).
/// </summary>
internal sealed class WriteBucket(ArmFakeOptions options)
{
    private readonly Lock _gate = new();
    private double _tokens = double.NaN;
    private DateTimeOffset _last;

    private int _refusals;

    /// <summary>The next <paramref name="count"/> writes find the bucket empty, whenever they come.</summary>
    public void Refuse(int count)
    {
        lock (_gate)
        {
            _refusals += count;
        }
    }

    /// <summary>Takes a token; when none is left, <paramref name="retryAfter"/> says how long until one is.</summary>
    public bool TryTake(out TimeSpan retryAfter, out int remaining)
    {
        lock (_gate)
        {
            var now = options.Time.GetUtcNow();
            var burst = Math.Max(0, options.WriteBurst);
            _tokens = double.IsNaN(_tokens)
                ? burst
                : Math.Min(burst, _tokens + ((now - _last).TotalSeconds * options.WriteRefillPerSecond));
            _last = now;
            if (_refusals > 0)
            {
                _refusals--;
                retryAfter = TimeSpan.FromSeconds(1);
                remaining = 0;
                return false;
            }

            if (_tokens >= 1)
            {
                _tokens -= 1;
                retryAfter = TimeSpan.Zero;
                remaining = (int)_tokens;
                return true;
            }

            var seconds = options.WriteRefillPerSecond > 0 ? (1 - _tokens) / options.WriteRefillPerSecond : 60;
            retryAfter = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(seconds)));
            remaining = 0;
            return false;
        }
    }
}
