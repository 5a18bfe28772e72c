namespace CloudBroker.Api.Http;

/// <summary>Declares the query parameters an endpoint understands; <see cref="QueryParametersMiddleware"/> refuses the rest.</summary>
internal static class QueryParameters
{
    public static RouteHandlerBuilder AllowQuery(this RouteHandlerBuilder builder, params string[] allowed) =>
        builder.WithMetadata(new AllowedQuery(allowed));
}
