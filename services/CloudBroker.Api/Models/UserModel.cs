namespace CloudBroker.Api.Models;

/// <summary>A user: its roles, its groups and the default one it is charged to; its OIDC subject and the issuer that subject is of.</summary>
public sealed record UserModel(
    string Id, string TenantId, string Name, string? Email, string[] Roles, string[] GroupIds, string DefaultGroupId,
    string? Subject, string? Issuer, bool Disabled, DateTime CreatedAt, DateTime UpdatedAt);
