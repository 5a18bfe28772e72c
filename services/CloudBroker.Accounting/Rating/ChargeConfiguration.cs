using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudBroker.Accounting.Rating;

internal sealed class ChargeConfiguration : IEntityTypeConfiguration<Charge>, IEntityTypeConfiguration<RatingWatermark>
{
    public void Configure(EntityTypeBuilder<Charge> builder)
    {
        builder.ToTable("charges");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasMaxLength(32);
        builder.Property(c => c.TenantId).HasMaxLength(64);
        builder.Property(c => c.GroupId).HasMaxLength(64);
        builder.Property(c => c.InstanceId).HasMaxLength(36);
        builder.Property(c => c.ProviderId).HasMaxLength(63);
        builder.Property(c => c.Sku).HasMaxLength(256);
        builder.Property(c => c.Meter).HasMaxLength(32);
        builder.Property(c => c.Kind).HasMaxLength(16);
        builder.Property(c => c.PriceBookId).HasMaxLength(64);
        builder.Property(c => c.OwnerId).HasMaxLength(64);
        builder.Property(c => c.RealmId).HasMaxLength(256);
        builder.Property(c => c.Tags).HasMaxLength(16384);
        builder.Property(c => c.ChargeClass).HasMaxLength(16);
        builder.Property(c => c.CorrectsChargeId).HasMaxLength(32);

        // Amounts keep every digit rating gave them (numeric on PostgreSQL, text on SQLite): rounding belongs to export.
        builder.Property(c => c.ContractPercent).HasPrecision(10, 6);
        builder.HasIndex(c => new { c.TenantId, c.Day });
        builder.HasIndex(c => new { c.InstanceId, c.Day });
        builder.HasIndex(c => new { c.TenantId, c.BillingPeriod });
    }

    public void Configure(EntityTypeBuilder<RatingWatermark> builder)
    {
        builder.ToTable("rating_watermark");
        builder.HasKey(w => w.Key);
        builder.Property(w => w.Key).ValueGeneratedNever();
    }
}
