namespace CloudBroker.Api.Http;

/// <summary>Endpoint metadata: the query parameters an endpoint understands.</summary>
internal sealed record AllowedQuery(IReadOnlyList<string> Names);
