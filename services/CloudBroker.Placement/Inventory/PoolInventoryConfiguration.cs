using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudBroker.Placement.Inventory;

internal sealed class PoolInventoryConfiguration : IEntityTypeConfiguration<PoolInventory>
{
    public const string Table = "pool_inventory";

    public void Configure(EntityTypeBuilder<PoolInventory> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).HasMaxLength(200);
        builder.Property(i => i.PoolId).HasMaxLength(64);
        builder.Property(i => i.RealmId).HasMaxLength(128);
        builder.HasIndex(i => i.PoolId);
    }
}
