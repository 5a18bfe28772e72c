namespace CloudBroker.Api.Models;

/// <summary>
/// A provider: its driver, where it is defined, whether it can be used now (and if not, why), and its capabilities.
/// For a provider defined through the API also its non-secret settings, which credentials are set (never their
/// values) and its version (the <c>ETag</c>); configuration holds those of configured providers, so they are <c>null</c>.
/// </summary>
public sealed record ProviderModel(
    string Id,
    string Driver,
    string Origin,
    bool Enabled,
    string Status,
    string? StatusReason,
    IReadOnlyList<string> Capabilities,
    DateTime? CatalogRefreshedAt,
    IReadOnlyDictionary<string, string>? Settings,
    ProviderCredentialsModel? Credentials,
    int? Version,
    DateTime? CreatedAt,
    DateTime? UpdatedAt);
