using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudBroker.Accounting.Periods;

internal sealed class BillingPeriodConfiguration : IEntityTypeConfiguration<BillingPeriod>, IEntityTypeConfiguration<BillingPeriodName>
{
    public void Configure(EntityTypeBuilder<BillingPeriod> builder)
    {
        builder.ToTable("billing_periods");
        builder.HasKey(p => p.Start);
        builder.Property(p => p.Start).ValueGeneratedNever();
    }

    public void Configure(EntityTypeBuilder<BillingPeriodName> builder)
    {
        builder.ToTable("billing_period_names");
        builder.HasKey(n => new { n.Period, n.Kind, n.Id });
        builder.Property(n => n.Kind).HasMaxLength(16);
        builder.Property(n => n.Id).HasMaxLength(64);
        builder.Property(n => n.TenantId).HasMaxLength(64);
        builder.Property(n => n.Name).HasMaxLength(256);
    }
}
