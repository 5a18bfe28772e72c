using CloudBroker.Accounting.Metering;
using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Accounting;

/// <summary>Accounting's entities in the one context: metered usage (and, as they come, price books and charges).</summary>
public sealed class AccountingEntities : IEntityContributor
{
    public void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new UsageIntervalConfiguration());
        modelBuilder.ApplyConfiguration(new MeteringWatermarkConfiguration());
    }
}
