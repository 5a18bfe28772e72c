using CloudBroker.Identity.ApiKeys;
using CloudBroker.Identity.Tenancy;
using CloudBroker.Identity.Users;
using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Identity;

/// <summary>Identity's entities in the one context: tenants, groups, users, memberships and API keys.</summary>
public sealed class IdentityEntities : IEntityContributor
{
    public void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new TenantConfiguration());
        modelBuilder.ApplyConfiguration(new GroupConfiguration());
        modelBuilder.ApplyConfiguration(new UserConfiguration());
        modelBuilder.ApplyConfiguration(new GroupMemberConfiguration());
        modelBuilder.ApplyConfiguration(new ApiKeyConfiguration());
    }
}
