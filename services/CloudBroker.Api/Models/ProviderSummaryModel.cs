namespace CloudBroker.Api.Models;

/// <summary>A provider as the public entry point shows it: what it can do and whether it can be used now (no settings).</summary>
public sealed record ProviderSummaryModel(
    string Id,
    string Driver,
    string Status,
    string? StatusReason,
    IReadOnlyList<string> Capabilities,
    DateTime? CatalogRefreshedAt);
