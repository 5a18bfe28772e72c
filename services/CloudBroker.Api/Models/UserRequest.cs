namespace CloudBroker.Api.Models;

/// <summary>
/// The body of <c>POST /api/users</c>, <c>PUT /api/users/{id}</c> (the whole user) and <c>PATCH /api/users/{id}</c>
/// (only the properties sent change; <c>application/merge-patch+json</c> semantics without deletions).
/// <c>tenantId</c> is for admins creating a user in another tenant and cannot change later.
/// </summary>
public sealed record UserRequest(
    string? Name = null,
    string? Email = null,
    string[]? Roles = null,
    string[]? GroupIds = null,
    string? DefaultGroupId = null,
    string? Subject = null,
    bool? Disabled = null,
    string? TenantId = null);
