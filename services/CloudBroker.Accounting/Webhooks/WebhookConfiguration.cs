using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudBroker.Accounting.Webhooks;

internal sealed class WebhookConfiguration :
    IEntityTypeConfiguration<Webhook>, IEntityTypeConfiguration<WebhookDelivery>, IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<Webhook> builder)
    {
        builder.ToTable("webhooks");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).HasMaxLength(36);
        builder.Property(w => w.TenantId).HasMaxLength(64);
        builder.Property(w => w.Url).HasMaxLength(WebhookUrl.MaxLength);
        builder.Property(w => w.Description).HasMaxLength(256);
        builder.Property(w => w.SecretKeyId).HasMaxLength(16);
        builder.HasIndex(w => new { w.TenantId, w.Id });
    }

    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).HasMaxLength(36);
        builder.Property(d => d.WebhookId).HasMaxLength(36);
        builder.Property(d => d.TenantId).HasMaxLength(64);
        builder.Property(d => d.EventType).HasMaxLength(64);
        builder.Property(d => d.EventId).HasMaxLength(64);
        builder.Property(d => d.Status).HasMaxLength(16);
        builder.Property(d => d.Attempts).IsConcurrencyToken();
        builder.HasIndex(d => new { d.WebhookId, d.EventId }).IsUnique();
        builder.HasOne<Webhook>().WithMany().HasForeignKey(d => d.WebhookId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(d => d.AttemptLog).WithOne().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<WebhookAttempt> builder)
    {
        builder.ToTable("webhook_attempts");
        builder.HasKey(a => new { a.DeliveryId, a.Number });
        builder.Property(a => a.DeliveryId).HasMaxLength(36);
        builder.Property(a => a.Error).HasMaxLength(1024);
    }
}
