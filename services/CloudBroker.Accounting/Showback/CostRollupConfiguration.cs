using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudBroker.Accounting.Showback;

internal sealed class CostRollupConfiguration : IEntityTypeConfiguration<CostRollup>
{
    public void Configure(EntityTypeBuilder<CostRollup> builder)
    {
        builder.ToTable("cost_rollups");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasMaxLength(32);
        builder.Property(r => r.TenantId).HasMaxLength(64);
        builder.Property(r => r.GroupId).HasMaxLength(64);
        builder.Property(r => r.OwnerId).HasMaxLength(64);
        builder.Property(r => r.ProviderId).HasMaxLength(63);
        builder.Property(r => r.RealmId).HasMaxLength(256);
        builder.Property(r => r.TagKey).HasMaxLength(128);
        builder.Property(r => r.TagValue).HasMaxLength(256);
        builder.HasIndex(r => new { r.TagKey, r.Day });
        builder.HasIndex(r => new { r.TenantId, r.BillingPeriod });
    }
}
