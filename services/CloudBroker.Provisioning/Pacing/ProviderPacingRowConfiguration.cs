using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudBroker.Provisioning.Pacing;

internal sealed class ProviderPacingRowConfiguration : IEntityTypeConfiguration<ProviderPacingRow>
{
    public void Configure(EntityTypeBuilder<ProviderPacingRow> builder)
    {
        builder.ToTable("provider_pacing");
        builder.HasKey(p => p.ProviderId);
        builder.Property(p => p.ProviderId).HasMaxLength(80); // a provider id, or "<id>/<kind of call>"
    }
}
