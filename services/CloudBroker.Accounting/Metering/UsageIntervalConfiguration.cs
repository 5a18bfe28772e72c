using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudBroker.Accounting.Metering;

internal sealed class UsageIntervalConfiguration : IEntityTypeConfiguration<UsageInterval>
{
    public void Configure(EntityTypeBuilder<UsageInterval> builder)
    {
        builder.ToTable("usage_intervals");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).HasMaxLength(64);
        builder.Property(u => u.InstanceId).HasMaxLength(36);
        builder.Property(u => u.Meter).HasMaxLength(32);
        builder.Property(u => u.Quantity).HasPrecision(28, 12);
        builder.Property(u => u.TenantId).HasMaxLength(64);
        builder.Property(u => u.GroupId).HasMaxLength(64);
        builder.Property(u => u.OwnerId).HasMaxLength(64);
        builder.Property(u => u.ProviderId).HasMaxLength(63);
        builder.Property(u => u.RealmId).HasMaxLength(256);
        builder.Property(u => u.HardwareProfileId).HasMaxLength(256);
        builder.Property(u => u.Tags).HasMaxLength(16384);
        builder.HasIndex(u => new { u.InstanceId, u.Meter, u.End });
        builder.HasIndex(u => new { u.TenantId, u.Start });
    }
}
