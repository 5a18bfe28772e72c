using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudBroker.Provisioning.Reconciliation;

internal sealed class ReconcilerLeaseConfiguration : IEntityTypeConfiguration<ReconcilerLease>
{
    public void Configure(EntityTypeBuilder<ReconcilerLease> builder)
    {
        builder.ToTable("reconciler_leases");
        builder.HasKey(l => l.ProviderId);
        builder.Property(l => l.ProviderId).HasMaxLength(63);
        builder.Property(l => l.RunId).HasMaxLength(36);
    }
}
