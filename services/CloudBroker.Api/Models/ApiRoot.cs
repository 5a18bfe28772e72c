namespace CloudBroker.Api.Models;

/// <summary><c>GET /api</c>: the version, a link to every collection, and what each provider can do.</summary>
public sealed record ApiRoot(string Version, IReadOnlyDictionary<string, string> Links, IReadOnlyList<ProviderSummaryModel> Providers);
