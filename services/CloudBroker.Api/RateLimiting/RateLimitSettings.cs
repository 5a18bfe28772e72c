namespace CloudBroker.Api.RateLimiting;

/// <summary>
/// <c>CloudBroker:RateLimits</c>: token buckets per API caller, per source address, and for failed authentications
/// per source address. Each API process keeps its own buckets: N processes behind a load balancer admit N times
/// these rates. The defaults leave room for scripts and bursts of a thousand requests; benchmarks set their own.
/// </summary>
public sealed class RateLimitSettings
{
    public const string Section = "CloudBroker:RateLimits";

    /// <summary><c>false</c> turns every limit off (for measuring without them).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests of one authenticated caller: one API key, or one user signed in with tokens.</summary>
    public TokenBucketSettings PerCaller { get; set; } = new() { RequestsPerSecond = 200, Burst = 1000 };

    /// <summary>Every request from one source address (IPv6: one /64), authenticated or not; health probes are not counted.</summary>
    public TokenBucketSettings PerAddress { get; set; } = new() { RequestsPerSecond = 1000, Burst = 2000 };

    /// <summary>Failed authentications from one source address; when they are spent, its credentials are refused unchecked until one comes back.</summary>
    public TokenBucketSettings FailedAuthentication { get; set; } = new() { RequestsPerSecond = 5, Burst = 300 };
}
