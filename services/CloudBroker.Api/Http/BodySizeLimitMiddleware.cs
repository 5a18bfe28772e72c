using Microsoft.AspNetCore.Http.Features;

namespace CloudBroker.Api.Http;

/// <summary>
/// Refuses bodies over <see cref="RequestLimits.MaxBodyBytes"/>, whatever the method (a <c>DELETE</c> or a
/// <c>GET</c> may carry one too, and the idempotency fingerprint reads it): at once when their length is declared,
/// and for chunked bodies as soon as reading passes the limit. The stream throws our own problem, so
/// every path ends in the same <c>413 payload-too-large</c> with the limit, whatever the server does.
/// </summary>
internal sealed class BodySizeLimitMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > RequestLimits.MaxBodyBytes)
        {
            throw ProblemExceptionHandler.TooLarge();
        }

        if (context.Request.ContentLength is null && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != false)
        {
            context.Request.Body = new LengthLimitedStream(context.Request.Body, RequestLimits.MaxBodyBytes);
        }

        return next(context);
    }
}
