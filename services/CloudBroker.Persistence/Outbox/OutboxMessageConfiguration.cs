using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudBroker.Persistence.Outbox;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.MessageType).HasMaxLength(200);
        builder.Property(m => m.TraceParent).HasMaxLength(OutboxTelemetry.MaxTraceParentLength);
        builder.Property(m => m.TraceState).HasMaxLength(OutboxTelemetry.MaxTraceStateLength);
        builder.HasIndex(m => new { m.SentAt, m.NotBefore });
    }
}
