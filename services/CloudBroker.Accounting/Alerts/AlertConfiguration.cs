using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudBroker.Accounting.Alerts;

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> builder)
    {
        builder.ToTable("alerts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasMaxLength(36);
        builder.Property(a => a.Key).HasMaxLength(160);
        builder.Property(a => a.TenantId).HasMaxLength(64);
        builder.Property(a => a.Kind).HasMaxLength(32);
        builder.Property(a => a.Scope).HasMaxLength(16);
        builder.Property(a => a.ScopeId).HasMaxLength(64);
        builder.Property(a => a.Period).HasMaxLength(7);
        builder.Property(a => a.Currency).HasMaxLength(3);
        builder.HasIndex(a => a.Key).IsUnique();
        builder.HasIndex(a => new { a.TenantId, a.Id });
    }
}
