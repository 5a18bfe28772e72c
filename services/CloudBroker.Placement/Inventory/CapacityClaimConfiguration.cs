using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudBroker.Placement.Inventory;

internal sealed class CapacityClaimConfiguration : IEntityTypeConfiguration<CapacityClaim>
{
    public const string Table = "capacity_claims";

    public void Configure(EntityTypeBuilder<CapacityClaim> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(c => c.InstanceId);
        builder.Property(c => c.InstanceId).HasMaxLength(64);
        builder.Property(c => c.TenantId).HasMaxLength(64);
        builder.Property(c => c.InventoryId).HasMaxLength(200);
        builder.HasIndex(c => c.InventoryId);
        builder.Ignore(c => c.Candidates);
    }
}
