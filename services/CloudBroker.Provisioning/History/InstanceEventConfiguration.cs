using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudBroker.Provisioning.History;

internal sealed class InstanceEventConfiguration : IEntityTypeConfiguration<InstanceEvent>
{
    public void Configure(EntityTypeBuilder<InstanceEvent> builder)
    {
        builder.ToTable("instance_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.InstanceId).HasMaxLength(36);
        builder.Property(e => e.OperationId).HasMaxLength(36);
        builder.Property(e => e.Subject).HasMaxLength(16);
        builder.Property(e => e.From).HasMaxLength(16);
        builder.Property(e => e.To).HasMaxLength(16);
        builder.Property(e => e.Cause).HasMaxLength(1000);
        builder.Property(e => e.TenantId).HasMaxLength(64);
        builder.Property(e => e.Tags).HasMaxLength(32768);
        builder.HasIndex(e => new { e.InstanceId, e.Id });
        builder.HasIndex(e => new { e.Transaction, e.Id });
    }
}
