using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudBroker.Provisioning.Providers;

internal sealed class ProviderRecordConfiguration : IEntityTypeConfiguration<ProviderRecord>
{
    public void Configure(EntityTypeBuilder<ProviderRecord> builder)
    {
        builder.ToTable("providers");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasMaxLength(63);
        builder.Property(p => p.Driver).HasMaxLength(63);
        builder.Property(p => p.CredentialsKeyId).HasMaxLength(16);
        builder.Property(p => p.CreatedBy).HasMaxLength(128);
        builder.Property(p => p.UpdatedBy).HasMaxLength(128);
        builder.Property(p => p.Version).IsConcurrencyToken();
    }
}
