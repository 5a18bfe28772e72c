using Microsoft.Net.Http.Headers;

namespace CloudBroker.Api.Http;

/// <summary>
/// Headers on every answer, errors and refusals included: <c>X-Content-Type-Options: nosniff</c>;
/// <c>Cache-Control: no-store</c> unless the endpoint chose its own (Scalar's static assets revalidate by ETag);
/// and a Content-Security-Policy — <see cref="ContentSecurityPolicy.Api"/> for anything but an HTML page, which
/// gets its own from <see cref="HtmlPagePolicyMiddleware"/>.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpResponse)state).Headers;
            headers.XContentTypeOptions = "nosniff";
            if (!headers.ContainsKey(HeaderNames.CacheControl))
            {
                headers.CacheControl = "no-store";
            }

            if (!headers.ContainsKey(HeaderNames.ContentSecurityPolicy))
            {
                headers.ContentSecurityPolicy = ContentSecurityPolicy.Api;
            }

            return Task.CompletedTask;
        }, context.Response);
        return next(context);
    }
}
