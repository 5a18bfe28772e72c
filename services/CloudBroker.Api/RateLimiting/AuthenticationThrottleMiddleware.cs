using Microsoft.Net.Http.Headers;

namespace CloudBroker.Api.RateLimiting;

/// <summary>
/// Around authentication: a request with credentials from an address that has spent its failed authentications is
/// answered <c>429 rate-limited</c> before they are checked; after the request, credentials that did not
/// authenticate are counted against the address.
/// </summary>
internal sealed class AuthenticationThrottleMiddleware(RequestDelegate next, FailedAuthentications failures)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Headers.ContainsKey(HeaderNames.Authorization))
        {
            await next(context);
            return;
        }

        var address = SourceAddress.Of(context);
        if (failures.Refusing(address) is { } retryAfter)
        {
            await RateLimitedProblem.WriteAsync(context, retryAfter,
                "too many failed authentications from your address: credentials from it are not checked until retryAfter seconds have passed");
            return;
        }

        await next(context);
        if (context.User.Identity?.IsAuthenticated != true)
        {
            failures.Failed(address);
        }
    }
}
