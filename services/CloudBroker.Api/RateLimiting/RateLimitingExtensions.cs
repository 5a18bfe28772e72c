using System.Threading.RateLimiting;
using CloudBroker.Api.Http;
using CloudBroker.Hosting;
using CloudBroker.Identity.Access;
using Microsoft.Extensions.Options;

namespace CloudBroker.Api.RateLimiting;

/// <summary>
/// ASP.NET Core's rate limiter over every request: a token bucket per source address, then one per authenticated
/// caller (its API key, or its user when signed in with tokens), answering <c>429 rate-limited</c> with
/// <c>Retry-After</c>; and failed authentications per address (<see cref="AuthenticationThrottleMiddleware"/>).
/// Health probes are never limited. Rejected requests are not audited (the limiter runs before the audit).
/// </summary>
public static class RateLimitingExtensions
{
    public static IServiceCollection AddBrokerRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(RateLimitSettings.Section);
        services.Configure<RateLimitSettings>(section);
        var settings = section.Get<RateLimitSettings>() ?? new RateLimitSettings();
        if (!settings.Enabled)
        {
            return services;
        }

        var perAddress = Checked(settings.PerAddress, nameof(RateLimitSettings.PerAddress));
        var perCaller = Checked(settings.PerCaller, nameof(RateLimitSettings.PerCaller));
        _ = Checked(settings.FailedAuthentication, nameof(RateLimitSettings.FailedAuthentication));
        services.AddSingleton<FailedAuthentications>();
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsProbe(context.Request.Path)
                    ? RateLimitPartition.GetNoLimiter("")
                    : RateLimitPartition.GetTokenBucketLimiter(SourceAddress.Of(context), _ => perAddress)),
                PartitionedRateLimiter.Create<HttpContext, string>(context => CallerOf(context) is { } caller
                    ? RateLimitPartition.GetTokenBucketLimiter(caller, _ => perCaller)
                    : RateLimitPartition.GetNoLimiter("")));
            o.OnRejected = (rejected, _) => new ValueTask(RateLimitedProblem.WriteAsync(
                rejected.HttpContext,
                rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1),
                "too many requests from your API key or your address; retry after retryAfter seconds"));
        });
        return services;
    }

    /// <summary>Whether the limits are on (the pipeline places its middleware only then).</summary>
    public static bool RateLimitsEnabled(this IServiceProvider services) => services.GetRequiredService<IOptions<RateLimitSettings>>().Value.Enabled;

    /// <summary>A bucket's limiter options; settings that make no bucket stop the start, naming them.</summary>
    private static TokenBucketRateLimiterOptions Checked(TokenBucketSettings bucket, string name)
    {
        try
        {
            return bucket.ToOptions();
        }
        catch (InvalidOperationException ex)
        {
            throw new BrokerConfigurationException($"CloudBroker__RateLimits__{name}: {ex.Message}");
        }
    }

    private static bool IsProbe(PathString path) => path.Equals("/healthz", StringComparison.Ordinal) || path.Equals("/readyz", StringComparison.Ordinal);

    /// <summary>The caller's bucket: its API key, or its user (tokens of one user share one).</summary>
    private static string? CallerOf(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        return user.FindFirst(AuditMiddleware.ApiKeyClaim)?.Value is { } keyId ? "key:" + keyId : "user:" + Caller.From(user).UserId;
    }
}
