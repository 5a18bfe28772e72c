using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudBroker.Provisioning.Keys;

internal sealed class SshKeyConfiguration : IEntityTypeConfiguration<SshKey>
{
    public void Configure(EntityTypeBuilder<SshKey> builder)
    {
        builder.ToTable("ssh_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).HasMaxLength(36);
        builder.Property(k => k.Name).HasMaxLength(63);
        builder.Property(k => k.PublicKey).HasMaxLength(SshPublicKeyParser.MaxLength);
        builder.Property(k => k.TenantId).HasMaxLength(64);
        builder.Property(k => k.OwnerId).HasMaxLength(64);
        builder.Property(k => k.GroupId).HasMaxLength(64);
        builder.HasIndex(k => new { k.TenantId, k.Id });
    }
}
