namespace CloudBroker.Api.Models;

/// <summary>A user: its roles, its groups and the default one it is charged to.</summary>
public sealed record UserModel(
    string Id, string TenantId, string Name, string? Email, string[] Roles, string[] GroupIds, string DefaultGroupId,
    string? Subject, bool Disabled, DateTime CreatedAt, DateTime UpdatedAt);
