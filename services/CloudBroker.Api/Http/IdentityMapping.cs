using CloudBroker.Api.Models;
using CloudBroker.Identity.ApiKeys;
using CloudBroker.Identity.Tenancy;
using CloudBroker.Identity.Users;

namespace CloudBroker.Api.Http;

/// <summary>Tenants, groups, users and API keys in their wire shapes.</summary>
internal static class IdentityMapping
{
    public static TenantModel ToModel(this Tenant tenant) => new(tenant.Id, tenant.Name, tenant.Description, tenant.CreatedAt, tenant.UpdatedAt);

    public static GroupModel ToModel(this Group group) => new(group.Id, group.TenantId, group.Name, group.Description, group.CreatedAt, group.UpdatedAt);

    public static UserModel ToModel(this User user, IReadOnlyList<string> groupIds) => new(
        user.Id, user.TenantId, user.Name, user.Email, user.Roles.Split(' ', StringSplitOptions.RemoveEmptyEntries), [.. groupIds],
        user.DefaultGroupId, user.Subject, user.Issuer, user.DisabledAt is not null, user.CreatedAt, user.UpdatedAt);

    public static ApiKeyModel ToModel(this ApiKey key) => new(key.Id, key.UserId, key.Name, key.Prefix.Length == 0 ? null : key.Prefix, key.CreatedAt, key.RevokedAt);
}
