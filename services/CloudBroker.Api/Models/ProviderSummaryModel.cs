namespace CloudBroker.Api.Models;

/// <summary>
/// A provider as the public entry point shows it: what it can do and whether it can be used now, with the status
/// category when it cannot (no reason text, no settings: anyone may read this).
/// </summary>
public sealed record ProviderSummaryModel(
    string Id,
    string Driver,
    string Status,
    string? StatusCategory,
    IReadOnlyList<string> Capabilities,
    DateTime? CatalogRefreshedAt);
