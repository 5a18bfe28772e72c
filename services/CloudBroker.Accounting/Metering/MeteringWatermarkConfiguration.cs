using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudBroker.Accounting.Metering;

internal sealed class MeteringWatermarkConfiguration : IEntityTypeConfiguration<MeteringWatermark>
{
    public void Configure(EntityTypeBuilder<MeteringWatermark> builder)
    {
        builder.ToTable("metering_watermarks");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).HasMaxLength(32);

        // The row exists from the schema's creation: every worker finds it, none races to insert it, and the whole
        // history since installation is metered on the first round.
        builder.HasData(new MeteringWatermark { Id = MeteringWatermark.InstanceHistory });
    }
}
