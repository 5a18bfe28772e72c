namespace CloudBroker.Api.Models;

/// <summary>
/// A provider: its driver, where it is defined, whether it can be used now (and if not, its status category), and its
/// capabilities. Admins also see the reason it is unavailable (which may quote the provider's answer) and, for a
/// provider defined through the API, its non-secret settings and which credentials are set (never their values);
/// every other role sees <c>null</c> there. The version is the <c>ETag</c>. Configured providers' settings stay in
/// configuration (<c>null</c>).
/// </summary>
public sealed record ProviderModel(
    string Id,
    string Driver,
    string Origin,
    bool Enabled,
    string Status,
    string? StatusCategory,
    string? StatusReason,
    IReadOnlyList<string> Capabilities,
    DateTime? CatalogRefreshedAt,
    IReadOnlyDictionary<string, string>? Settings,
    ProviderCredentialsModel? Credentials,
    int? Version,
    DateTime? CreatedAt,
    DateTime? UpdatedAt);
