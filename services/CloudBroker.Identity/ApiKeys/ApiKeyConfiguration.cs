using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudBroker.Identity.ApiKeys;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).HasMaxLength(36);
        builder.Property(k => k.Prefix).HasMaxLength(16);
        builder.Property(k => k.Hash).HasMaxLength(64);
        builder.Property(k => k.TenantId).HasMaxLength(64);
        builder.Property(k => k.UserId).HasMaxLength(64);
        builder.Property(k => k.Name).HasMaxLength(63);
        builder.HasIndex(k => k.UserId);
        builder.HasIndex(k => k.Hash).IsUnique();
    }
}
