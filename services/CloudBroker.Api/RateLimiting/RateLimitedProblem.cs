using System.Globalization;
using CloudBroker.Problems;
using Microsoft.AspNetCore.Mvc;

namespace CloudBroker.Api.RateLimiting;

/// <summary>The <c>429 rate-limited</c> answer: <c>Retry-After</c> and <c>retryAfter</c> in whole seconds, at least 1.</summary>
internal static class RateLimitedProblem
{
    public static Task WriteAsync(HttpContext context, TimeSpan retryAfter, string detail)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var type = ProblemTypes.RateLimited;
        context.Response.StatusCode = type.Status;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Type = type.Uri,
                Title = type.Title,
                Status = type.Status,
                Detail = detail,
                Extensions = { ["retryAfter"] = seconds },
            },
        }).AsTask();
    }
}
