namespace CloudBroker.Api.Http;

/// <summary>
/// Refuses bodies over <see cref="RequestLimits.MaxBodyBytes"/>: at once when their length is declared,
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

        if (context.Request.ContentLength is null && (HttpMethods.IsPost(context.Request.Method) || HttpMethods.IsPut(context.Request.Method) || HttpMethods.IsPatch(context.Request.Method)))
        {
            context.Request.Body = new LengthLimitedStream(context.Request.Body, RequestLimits.MaxBodyBytes);
        }

        return next(context);
    }
}
