using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudBroker.Placement.ImageFamilies;

internal sealed class ImageFamilyConfiguration : IEntityTypeConfiguration<ImageFamily>
{
    public void Configure(EntityTypeBuilder<ImageFamily> builder)
    {
        builder.ToTable("image_families");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).HasMaxLength(64);
        builder.Property(f => f.Name).HasMaxLength(63);
        builder.Property(f => f.Description).HasMaxLength(1024);
        builder.Property(f => f.Version).IsConcurrencyToken();
        builder.HasIndex(f => f.Name).IsUnique();
        builder.Property(f => f.Images).HasConversion(
            v => JsonSerializer.Serialize(v, PlacementJson.Default.DictionaryStringString),
            v => new Dictionary<string, string>(JsonSerializer.Deserialize(v, PlacementJson.Default.DictionaryStringString) ?? new(), StringComparer.Ordinal),
            new ValueComparer<Dictionary<string, string>>(
                (a, b) => a!.Count == b!.Count && a.OrderBy(kv => kv.Key).SequenceEqual(b.OrderBy(kv => kv.Key)),
                v => v.Count, v => new Dictionary<string, string>(v, StringComparer.Ordinal)));
    }
}
