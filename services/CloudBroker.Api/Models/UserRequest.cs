using CloudBroker.Api.Http.Limits;

namespace CloudBroker.Api.Models;

/// <summary>
/// The body of <c>POST /api/users</c>, <c>PUT /api/users/{id}</c> (the whole user) and <c>PATCH /api/users/{id}</c>
/// (only the properties sent change; <c>application/merge-patch+json</c> semantics without deletions).
/// <c>tenantId</c> is for admins creating a user in another tenant and cannot change later.
/// </summary>
public sealed record UserRequest(
    [property: Text(63, TextKind.Label)] string? Name = null,
    [property: Text(254)] string? Email = null,
    [property: Text(32, MaxItems = 16)] string[]? Roles = null,
    [property: Text(64, MaxItems = 100)] string[]? GroupIds = null,
    [property: Text(64)] string? DefaultGroupId = null,
    [property: Text(255)] string? Subject = null,
    bool? Disabled = null,
    [property: Text(64)] string? TenantId = null);
