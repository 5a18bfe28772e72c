using CloudBroker.Problems;

namespace CloudBroker.Api.Http;

/// <summary>
/// Refuses bodies over <see cref="RequestLimits.MaxBodyBytes"/> up front when their length is declared,
/// and caps streaming ones through the server's limit (which surfaces as a 413 when read).
/// </summary>
internal sealed class BodySizeLimitMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > RequestLimits.MaxBodyBytes)
        {
            throw ProblemExceptionHandler.TooLarge();
        }

        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = RequestLimits.MaxBodyBytes;
        }

        return next(context);
    }
}
