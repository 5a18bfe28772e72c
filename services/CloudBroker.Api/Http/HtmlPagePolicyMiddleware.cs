using Microsoft.AspNetCore.Http.Features;

namespace CloudBroker.Api.Http;

/// <summary>
/// Gives each HTML page a Content-Security-Policy that allows exactly its own inline scripts
/// (<see cref="ContentSecurityPolicy.ForHtml"/>): the page is held until it is complete, hashed, then sent.
/// Other answers pass straight through. Runs outside <c>/api</c> only, where pages are (<c>/scalar</c>).
/// </summary>
internal sealed class HtmlPagePolicyMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            await next(context);
            return;
        }

        var response = context.Response;
        var original = response.Body;
        await using var holding = new HtmlHoldingStream(original, response);
        response.Body = holding;
        try
        {
            await next(context);
            await context.Features.GetRequiredFeature<IHttpResponseBodyFeature>().CompleteAsync(); // what the endpoint wrote through BodyWriter
            await holding.ReleaseAsync(context.RequestAborted);
        }
        finally
        {
            response.Body = original;
        }
    }
}
