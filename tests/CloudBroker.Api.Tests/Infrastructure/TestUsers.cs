using CloudBroker.Identity.ApiKeys;
using CloudBroker.Identity.Tenancy;
using CloudBroker.Identity.Users;
using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudBroker.Api.Tests.Infrastructure;

/// <summary>Writes a tenant, group, user and API key straight into the database, for tests about something else than identity.</summary>
internal static class TestUsers
{
    /// <summary>Makes (or reuses) the tenant and group, adds the user with <paramref name="roles"/> and returns a new key's secret.</summary>
    public static async Task<string> AddUserKeyAsync(
        this ApiFactory factory, string userId, string roles, string tenantId = SystemTenant.TenantId, string? groupId = null)
    {
        groupId ??= tenantId == SystemTenant.TenantId ? SystemTenant.GroupId : tenantId + "-default";
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        var now = DateTime.UtcNow;
        if (!await db.Set<Tenant>().AnyAsync(t => t.Id == tenantId))
        {
            db.Add(new Tenant { Id = tenantId, Name = tenantId, CreatedAt = now, UpdatedAt = now });
        }

        if (!await db.Set<Group>().AnyAsync(g => g.Id == groupId))
        {
            db.Add(new Group { Id = groupId, TenantId = tenantId, Name = groupId, CreatedAt = now, UpdatedAt = now });
        }

        if (!await db.Set<User>().AnyAsync(u => u.Id == userId))
        {
            db.Add(new User { Id = userId, TenantId = tenantId, Name = userId, DefaultGroupId = groupId, Roles = roles, CreatedAt = now, UpdatedAt = now });
            db.Add(new GroupMember { GroupId = groupId, UserId = userId });
        }

        var secret = ApiKeySecret.New();
        db.Add(new ApiKey
        {
            Id = Guid.NewGuid().ToString(), Prefix = ApiKeySecret.PrefixOf(secret), Hash = ApiKeySecret.Hash(secret),
            TenantId = tenantId, UserId = userId, CreatedAt = now,
        });
        await db.SaveChangesAsync();
        return secret;
    }
}
