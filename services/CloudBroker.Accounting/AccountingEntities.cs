using CloudBroker.Accounting.Metering;
using CloudBroker.Accounting.Pricing;
using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Accounting;

/// <summary>Accounting's entities in the one context: metered usage (and, as they come, price books and charges).</summary>
public sealed class AccountingEntities : IEntityContributor
{
    public void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new UsageIntervalConfiguration());
        var prices = new PriceBookConfiguration();
        modelBuilder.ApplyConfiguration<PriceBook>(prices);
        modelBuilder.ApplyConfiguration<PriceBookVersion>(prices);
        modelBuilder.ApplyConfiguration<PriceLine>(prices);
        modelBuilder.ApplyConfiguration<TenantContract>(prices);
    }
}
