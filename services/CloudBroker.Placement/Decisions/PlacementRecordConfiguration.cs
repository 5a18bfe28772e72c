using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudBroker.Placement.Decisions;

internal sealed class PlacementRecordConfiguration : IEntityTypeConfiguration<PlacementRecord>
{
    public const string Table = "placement_decisions";

    public void Configure(EntityTypeBuilder<PlacementRecord> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(r => r.InstanceId);
        builder.Property(r => r.InstanceId).HasMaxLength(64);
        builder.Property(r => r.TenantId).HasMaxLength(64);
        builder.Property(r => r.ProviderId).HasMaxLength(64);
        builder.Property(r => r.AntiAffinityGroup).HasMaxLength(63);
        builder.HasIndex(r => new { r.TenantId, r.AntiAffinityGroup });
    }
}
