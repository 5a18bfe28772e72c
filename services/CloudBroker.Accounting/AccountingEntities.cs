using CloudBroker.Accounting.Alerts;
using CloudBroker.Accounting.Metering;
using CloudBroker.Accounting.Pricing;
using CloudBroker.Accounting.Rating;
using CloudBroker.Accounting.Webhooks;
using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Accounting;

/// <summary>Accounting's entities in the one context: metered usage, price books, charges and the rating watermark, alerts and webhooks.</summary>
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
        modelBuilder.ApplyConfiguration(new AlertConfiguration());
        var webhooks = new WebhookConfiguration();
        modelBuilder.ApplyConfiguration<Webhook>(webhooks);
        modelBuilder.ApplyConfiguration<WebhookDelivery>(webhooks);
        modelBuilder.ApplyConfiguration<WebhookAttempt>(webhooks);
    }
}
