using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudBroker.Provisioning.Instances;

internal sealed class InstanceConfiguration : IEntityTypeConfiguration<Instance>
{
    public void Configure(EntityTypeBuilder<Instance> builder)
    {
        builder.ToTable("instances");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).HasMaxLength(36);
        builder.Property(i => i.Name).HasMaxLength(63);
        builder.Property(i => i.ProviderId).HasMaxLength(63);
        builder.Property(i => i.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.TenantId).HasMaxLength(64);
        builder.Property(i => i.OwnerId).HasMaxLength(64);
        builder.Property(i => i.GroupId).HasMaxLength(64);
        builder.Property(i => i.Addresses).HasConversion(
            v => string.Join(' ', v),
            v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList(),
            new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<string>>(
                (a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode(StringComparison.Ordinal))), v => v.ToList()));
        builder.Property(i => i.Tags).HasConversion(
            v => InstanceTags.ToJson(v),
            v => InstanceTags.FromJson(v),
            new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<SortedDictionary<string, string>>(
                (a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, t) => HashCode.Combine(h, t.Key.GetHashCode(StringComparison.Ordinal), t.Value.GetHashCode(StringComparison.Ordinal))), v => InstanceTags.Ordered(v)))
            .HasMaxLength(32768);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.HasIndex(i => new { i.TenantId, i.Id });
        builder.HasIndex(i => new { i.ProviderId, i.ProviderInstanceId });
    }
}
