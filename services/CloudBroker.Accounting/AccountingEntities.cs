using CloudBroker.Accounting.Alerts;
using CloudBroker.Accounting.Exports;
using CloudBroker.Accounting.Metering;
using CloudBroker.Accounting.Periods;
using CloudBroker.Accounting.Pricing;
using CloudBroker.Accounting.Rating;
using CloudBroker.Accounting.Showback;
using CloudBroker.Accounting.Webhooks;
using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Accounting;

/// <summary>Accounting's entities in the one context: metered usage, price books, charges, the rating watermark, billing periods, the showback pre-aggregates, alerts and webhooks.</summary>
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
        var periods = new BillingPeriodConfiguration();
        modelBuilder.ApplyConfiguration<BillingPeriod>(periods);
        modelBuilder.ApplyConfiguration<BillingPeriodName>(periods);
        modelBuilder.ApplyConfiguration(new CostRollupConfiguration());
        modelBuilder.ApplyConfiguration(new AlertConfiguration());
        var webhooks = new WebhookConfiguration();
        modelBuilder.ApplyConfiguration<Webhook>(webhooks);
        modelBuilder.ApplyConfiguration<WebhookDelivery>(webhooks);
        modelBuilder.ApplyConfiguration<WebhookAttempt>(webhooks);
    }
}
