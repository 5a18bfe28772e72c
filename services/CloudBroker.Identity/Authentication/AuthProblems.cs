using CloudBroker.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace CloudBroker.Identity.Authentication;

/// <summary>Authentication refusals as problem documents (<c>unauthenticated</c>, <c>forbidden</c>), whichever scheme refused.</summary>
public static class AuthProblems
{
    public static Task WriteAsync(HttpContext context, ProblemType type, string detail)
    {
        context.Response.StatusCode = type.Status;
        if (type == ProblemTypes.Unauthenticated)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }

        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Type = type.Uri, Title = type.Title, Status = type.Status, Detail = detail },
        }).AsTask();
    }
}
