using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

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
        builder.Property(e => e.TargetTenantId).HasMaxLength(64);

        // Every text column, present and future, is escaped and cut on its way in (AuditText).
        foreach (var property in builder.Metadata.GetDeclaredProperties().Where(p => p.ClrType == typeof(string)))
        {
            var maxLength = property.GetMaxLength();
            property.SetValueConverter(new ValueConverter<string, string>(v => AuditText.Escape(v, maxLength)!, v => v));
        }

        // Newest first within a tenant (by its users, or on its objects) or of a user; the whole log pages on the key itself.
        builder.HasIndex(e => new { e.TenantId, e.Id });
        builder.HasIndex(e => new { e.UserId, e.Id });
        builder.HasIndex(e => new { e.TargetTenantId, e.Id });
    }
}
