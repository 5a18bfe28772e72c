using CloudBroker.Problems;

namespace CloudBroker.Api.Http;

/// <summary>Lists refuse query parameters they do not know (a typo must not silently widen a query).</summary>
internal static class QueryParameters
{
    public static RouteHandlerBuilder AllowQuery(this RouteHandlerBuilder builder, params string[] allowed) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            foreach (var key in context.HttpContext.Request.Query.Keys)
            {
                if (!allowed.Contains(key, StringComparer.Ordinal))
                {
                    throw ProblemException.InvalidParameter(key, "is not known here",
                        new FieldLimit(Values: allowed));
                }
            }

            return await next(context);
        });
}
