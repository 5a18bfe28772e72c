using System.Threading.RateLimiting;

namespace CloudBroker.Api.RateLimiting;

/// <summary>A token bucket: <see cref="Burst"/> requests at once, refilled at <see cref="RequestsPerSecond"/>.</summary>
public sealed class TokenBucketSettings
{
    public double RequestsPerSecond { get; set; }

    public int Burst { get; set; }

    /// <summary>The limiter's options: refilled every 100 ms, or one token at a time for slower rates; never queued.</summary>
    public TokenBucketRateLimiterOptions ToOptions()
    {
        if (RequestsPerSecond <= 0 || Burst < 1)
        {
            throw new InvalidOperationException($"a rate limit needs RequestsPerSecond > 0 and Burst >= 1 (got {RequestsPerSecond} and {Burst})");
        }

        var tenth = RequestsPerSecond / 10;
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = Burst,
            TokensPerPeriod = tenth >= 1 ? (int)Math.Round(tenth) : 1,
            ReplenishmentPeriod = tenth >= 1 ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(1 / RequestsPerSecond),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}
