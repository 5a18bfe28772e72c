namespace CloudBroker.Api.Models;

/// <summary>Who the caller is, as the broker sees it: user, tenant, roles, groups (default first) and how it authenticated.</summary>
public sealed record MeModel(string UserId, string TenantId, string? Name, string[] Roles, string[] GroupIds, string? DefaultGroupId, string AuthenticatedBy);
