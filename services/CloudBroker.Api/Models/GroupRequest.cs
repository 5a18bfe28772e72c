namespace CloudBroker.Api.Models;

/// <summary>The body of <c>POST /api/groups</c> (<c>tenantId</c>: admins only, default the caller's) and <c>PUT /api/groups/{id}</c> (no <c>tenantId</c>).</summary>
public sealed record GroupRequest(string? Name, string? Description = null, string? TenantId = null);
