using CloudBroker.Accounting.Exports;
using CloudBroker.Accounting.Metering;
using CloudBroker.Accounting.Pricing;
using CloudBroker.Accounting.Rating;
using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Accounting;

/// <summary>Accounting's entities in the one context: metered usage, price books, charges and the rating watermark.</summary>
public sealed class AccountingEntities : IEntityContributor
{
    public void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new UsageIntervalConfiguration());
        modelBuilder.ApplyConfiguration(new MeteringWatermarkConfiguration());
        var prices = new PriceBookConfiguration();
        modelBuilder.ApplyConfiguration<PriceBook>(prices);
        modelBuilder.ApplyConfiguration<PriceBookVersion>(prices);
        modelBuilder.ApplyConfiguration<PriceLine>(prices);
        modelBuilder.ApplyConfiguration<TenantContract>(prices);
        var charges = new ChargeConfiguration();
        modelBuilder.ApplyConfiguration<Charge>(charges);
        modelBuilder.ApplyConfiguration<RatingWatermark>(charges);
        var exports = new ExportConfiguration();
        modelBuilder.ApplyConfiguration<Export>(exports);
        modelBuilder.ApplyConfiguration<ExportFile>(exports);
        modelBuilder.ApplyConfiguration<ExportChunk>(exports);
    }
}
