using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudBroker.Placement.Decisions;

internal sealed class TenantPlacementPolicyConfiguration : IEntityTypeConfiguration<TenantPlacementPolicy>
{
    public const string Table = "placement_policies";

    public void Configure(EntityTypeBuilder<TenantPlacementPolicy> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(p => p.TenantId);
        builder.Property(p => p.TenantId).HasMaxLength(64);
        builder.Property(p => p.Policy).HasMaxLength(32);
        builder.Property(p => p.Version).IsConcurrencyToken();
    }
}
