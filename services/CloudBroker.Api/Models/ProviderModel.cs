namespace CloudBroker.Api.Models;

/// <summary>A provider: its driver, whether it can be used now (and if not, why), and its capabilities.</summary>
public sealed record ProviderModel(
    string Id,
    string Driver,
    string Status,
    string? StatusReason,
    IReadOnlyList<string> Capabilities,
    DateTime? CatalogRefreshedAt);
