using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudBroker.Identity.Tenancy;

internal sealed class GroupConfiguration : IEntityTypeConfiguration<Group>
{
    public void Configure(EntityTypeBuilder<Group> builder)
    {
        builder.ToTable("groups");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Id).HasMaxLength(64);
        builder.Property(g => g.TenantId).HasMaxLength(64);
        builder.Property(g => g.Name).HasMaxLength(63);
        builder.Property(g => g.Description).HasMaxLength(1024);
        builder.Property(g => g.Version).IsConcurrencyToken();
        builder.HasIndex(g => new { g.TenantId, g.Id });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(g => g.TenantId).OnDelete(DeleteBehavior.Restrict);
        var seed = TenantConfiguration.SeedTime;
        builder.HasData(new Group { Id = SystemTenant.GroupId, TenantId = SystemTenant.TenantId, Name = "system", CreatedAt = seed, UpdatedAt = seed, Version = 1 });
    }
}
