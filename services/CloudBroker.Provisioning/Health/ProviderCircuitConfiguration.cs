using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudBroker.Provisioning.Health;

internal sealed class ProviderCircuitConfiguration : IEntityTypeConfiguration<ProviderCircuit>
{
    public void Configure(EntityTypeBuilder<ProviderCircuit> builder)
    {
        builder.ToTable("provider_circuits");
        builder.HasKey(c => c.ProviderId);
        builder.Property(c => c.ProviderId).HasMaxLength(63);
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Reason).HasMaxLength(2000);
        builder.Property(c => c.Version).IsConcurrencyToken();
    }
}
