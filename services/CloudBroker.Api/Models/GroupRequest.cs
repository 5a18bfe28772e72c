using CloudBroker.Api.Http.Limits;

namespace CloudBroker.Api.Models;

/// <summary>The body of <c>POST /api/groups</c> (<c>tenantId</c>: admins only, default the caller's) and <c>PUT /api/groups/{id}</c> (no <c>tenantId</c>).</summary>
public sealed record GroupRequest(
    [property: Text(63, TextKind.Label)] string? Name,
    [property: Text(1024)] string? Description = null,
    [property: Text(64)] string? TenantId = null);
