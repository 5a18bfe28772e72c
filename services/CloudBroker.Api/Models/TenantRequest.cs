using CloudBroker.Api.Http.Limits;

namespace CloudBroker.Api.Models;

/// <summary>The body of <c>POST /api/tenants</c> and <c>PUT /api/tenants/{id}</c>.</summary>
public sealed record TenantRequest(
    [property: Text(63, TextKind.Label)] string? Name,
    [property: Text(1024)] string? Description = null);
