using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudBroker.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable(AuditLogTriggers.Table);
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.TenantId).HasMaxLength(64);
        builder.Property(e => e.UserId).HasMaxLength(64);
        builder.Property(e => e.ApiKeyId).HasMaxLength(64);
        builder.Property(e => e.Method).HasMaxLength(16);
        builder.Property(e => e.Route).HasMaxLength(AuditEntryLimits.Route);
        builder.Property(e => e.Target).HasMaxLength(AuditEntryLimits.Target);
        builder.Property(e => e.Result).HasMaxLength(16);
        builder.Property(e => e.Problem).HasMaxLength(64);
        builder.Property(e => e.SourceAddress).HasMaxLength(64);
        builder.Property(e => e.RequestId).HasMaxLength(64);
        builder.Property(e => e.IdempotencyKey).HasMaxLength(255);

        // Newest first within a tenant (tenant-admins) or of a user; the whole log pages on the key itself.
        builder.HasIndex(e => new { e.TenantId, e.Id });
        builder.HasIndex(e => new { e.UserId, e.Id });
    }
}
