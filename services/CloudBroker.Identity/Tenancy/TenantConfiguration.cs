using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudBroker.Identity.Tenancy;

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.ToTable("tenants");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasMaxLength(64);
        builder.Property(t => t.Name).HasMaxLength(63);
        builder.Property(t => t.Description).HasMaxLength(1024);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.HasData(new Tenant { Id = SystemTenant.TenantId, Name = "system", Description = "The broker's own tenant: the bootstrap admin and adopted machines", CreatedAt = SeedTime, UpdatedAt = SeedTime, Version = 1 });
    }

    internal static readonly DateTime SeedTime = new(2026, 11, 27, 0, 0, 0, DateTimeKind.Utc);
}
