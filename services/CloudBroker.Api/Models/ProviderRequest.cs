using CloudBroker.Api.Http.Limits;

namespace CloudBroker.Api.Models;

/// <summary>
/// The body of <c>POST /api/providers</c> and <c>PUT /api/providers/{id}</c>. <c>settings</c> are strings in
/// configuration-key form (<c>"InstanceTypes:0:Id"</c>); <c>credentials</c> are write-only: on PUT, omitted (or
/// <c>null</c>) keeps them, <c>{}</c> clears them. <c>enabled</c> defaults to <c>true</c>.
/// </summary>
/// <remarks>The limits of <c>settings</c> and <c>credentials</c> are those <c>ProviderValidation</c> checks.</remarks>
public sealed record ProviderRequest(
    [property: Text(63, TextKind.Label)] string? Id,
    [property: Text(63)] string? Driver,
    [property: Text(4096, TextKind.FreeText, MaxItems = 200, MaxKeyLength = 256)] Dictionary<string, string?>? Settings,
    [property: Text(4096, TextKind.FreeText, MaxItems = 20, MaxKeyLength = 64)] Dictionary<string, string?>? Credentials,
    bool? Enabled);
