using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudBroker.Quotas.Ledger;

internal sealed class ReservationConfiguration : IEntityTypeConfiguration<Reservation>
{
    public const string Table = "quota_reservations";

    public void Configure(EntityTypeBuilder<Reservation> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasMaxLength(36);
        builder.Property(r => r.InstanceId).HasMaxLength(36);
        builder.Property(r => r.OperationId).HasMaxLength(36);
        builder.Property(r => r.Kind).HasMaxLength(16);
        builder.Property(r => r.Status).HasMaxLength(16);
        builder.Property(r => r.Period).HasMaxLength(7);
        builder.Property(r => r.TenantId).HasMaxLength(64);
        builder.Property(r => r.GroupId).HasMaxLength(64);
        builder.Property(r => r.UserId).HasMaxLength(64);
        builder.Property(r => r.ProviderId).HasMaxLength(64);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => r.InstanceId);
        builder.HasIndex(r => new { r.Status, r.ExpiresAt });

        // The month rollover sums a scope's ledger: tenants, groups and users through their tenant. Each index costs
        // every create's commit a page, so providers (a few, rolled once a month) scan instead.
        builder.HasIndex(r => new { r.TenantId, r.Period });
    }
}
