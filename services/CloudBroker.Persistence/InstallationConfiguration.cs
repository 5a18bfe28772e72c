using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudBroker.Persistence;

internal sealed class InstallationConfiguration : IEntityTypeConfiguration<Installation>
{
    public void Configure(EntityTypeBuilder<Installation> builder)
    {
        builder.ToTable("installation");
        builder.HasKey(i => i.Key);
        builder.Property(i => i.Key).ValueGeneratedNever();
        builder.Property(i => i.Id).HasMaxLength(36);
    }
}
