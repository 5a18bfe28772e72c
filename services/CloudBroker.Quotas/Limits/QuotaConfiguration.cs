using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudBroker.Quotas.Limits;

internal sealed class QuotaConfiguration : IEntityTypeConfiguration<Quota>
{
    public const string Table = "quotas";

    public void Configure(EntityTypeBuilder<Quota> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(q => new { q.Scope, q.ScopeId });
        builder.Property(q => q.Scope).HasMaxLength(16);
        builder.Property(q => q.ScopeId).HasMaxLength(64);
        builder.Property(q => q.TenantId).HasMaxLength(64);
        builder.Property(q => q.Period).HasMaxLength(7);
        builder.Property(q => q.Version).IsConcurrencyToken();
        builder.HasIndex(q => new { q.TenantId, q.Scope, q.ScopeId });
        Resource(builder.ComplexProperty(q => q.Instances), 0);
        Resource(builder.ComplexProperty(q => q.RunningInstances), 1);
        Resource(builder.ComplexProperty(q => q.Cpu), 2);
        Resource(builder.ComplexProperty(q => q.MemoryMiB), 3);
        Resource(builder.ComplexProperty(q => q.StorageGiB), 4);
        Resource(builder.ComplexProperty(q => q.Budget), 5);
        builder.Property(q => q.BudgetWarnAt).HasColumnName("BudgetWarnAt").HasMaxLength(64); // "50,75,90,100": ten thresholds of four digits at most
    }

    // Plain column names (InstancesUsed, …): the counter statements (QuotaSql) name them.
    private static void Resource(ComplexPropertyBuilder<ResourceQuota> counter, int index)
    {
        var prefix = QuotaResources.Columns[index];
        counter.IsRequired();
        counter.Property(c => c.Limit).HasColumnName(prefix + "Limit");
        if (index == QuotaResources.BudgetIndex)
        {
            counter.Ignore(c => c.WarnAt); // a list of percentages: Quota.BudgetWarnAt
        }
        else
        {
            counter.Property(c => c.WarnAt).HasColumnName(prefix + "WarnAt");
        }

        counter.Property(c => c.Used).HasColumnName(prefix + "Used");
        counter.Property(c => c.Reserved).HasColumnName(prefix + "Reserved");
        counter.Ignore(c => c.Warning);
    }
}
