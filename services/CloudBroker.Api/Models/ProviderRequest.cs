namespace CloudBroker.Api.Models;

/// <summary>
/// The body of <c>POST /api/providers</c> and <c>PUT /api/providers/{id}</c>. <c>settings</c> are strings in
/// configuration-key form (<c>"InstanceTypes:0:Id"</c>); <c>credentials</c> are write-only: on PUT, omitted (or
/// <c>null</c>) keeps them, <c>{}</c> clears them. <c>enabled</c> defaults to <c>true</c>.
/// </summary>
public sealed record ProviderRequest(
    string? Id,
    string? Driver,
    Dictionary<string, string?>? Settings,
    Dictionary<string, string?>? Credentials,
    bool? Enabled);
