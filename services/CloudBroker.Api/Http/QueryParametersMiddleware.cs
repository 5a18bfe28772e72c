using CloudBroker.Problems;

namespace CloudBroker.Api.Http;

/// <summary>
/// Refuses query parameters an endpoint does not declare (a typo must not silently widen a query).
/// A middleware rather than an endpoint filter: requests without a query string pay nothing.
/// </summary>
internal sealed class QueryParametersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.QueryString.HasValue && context.GetEndpoint()?.Metadata.GetMetadata<AllowedQuery>() is { } allowed)
        {
            foreach (var key in context.Request.Query.Keys)
            {
                if (!allowed.Names.Contains(key, StringComparer.Ordinal))
                {
                    throw ProblemException.InvalidParameter(key, "is not known here", new FieldLimit(Values: [.. allowed.Names]));
                }
            }
        }

        return next(context);
    }
}
