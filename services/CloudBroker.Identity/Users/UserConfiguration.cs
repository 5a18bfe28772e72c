using CloudBroker.Identity.Oidc;
using CloudBroker.Identity.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudBroker.Identity.Users;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).HasMaxLength(64);
        builder.Property(u => u.TenantId).HasMaxLength(64);
        builder.Property(u => u.Name).HasMaxLength(63);
        builder.Property(u => u.Email).HasMaxLength(254);
        builder.Property(u => u.DefaultGroupId).HasMaxLength(64);
        builder.Property(u => u.Roles).HasMaxLength(200);
        builder.Property(u => u.Subject).HasMaxLength(255);
        builder.Property(u => u.Issuer).HasMaxLength(OidcSettings.MaxIssuerLength);
        builder.Property(u => u.Version).IsConcurrencyToken();
        builder.HasIndex(u => new { u.TenantId, u.Id });
        builder.HasIndex(u => new { u.Issuer, u.TenantId, u.Subject }).IsUnique();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(u => u.TenantId).OnDelete(DeleteBehavior.Restrict);
        var seed = TenantConfiguration.SeedTime;
        builder.HasData(new User
        {
            Id = SystemTenant.AdminUserId, TenantId = SystemTenant.TenantId, Name = "admin", DefaultGroupId = SystemTenant.GroupId,
            Roles = Access.Roles.Admin, CreatedAt = seed, UpdatedAt = seed, Version = 1,
        });
    }
}
