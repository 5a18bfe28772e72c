using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudBroker.Placement.Pools;

internal sealed class PoolConfiguration : IEntityTypeConfiguration<Pool>
{
    public const string Table = "pools";

    public void Configure(EntityTypeBuilder<Pool> builder)
    {
        builder.ToTable(Table);
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasMaxLength(64);
        builder.Property(p => p.ProviderId).HasMaxLength(64);
        builder.Property(p => p.Description).HasMaxLength(1024);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasIndex(p => p.ProviderId);
        Json(builder.Property(p => p.Realms));
        Json(builder.Property(p => p.TenantIds));
        Json(builder.Property(p => p.GroupIds));
        builder.Property(p => p.Declared).HasConversion(
            v => JsonSerializer.Serialize(v, PlacementJson.Default.ListDeclaredCapacity),
            v => JsonSerializer.Deserialize(v, PlacementJson.Default.ListDeclaredCapacity) ?? new List<DeclaredCapacity>(),
            new ValueComparer<List<DeclaredCapacity>>((a, b) => a!.SequenceEqual(b!), v => v.Count, v => v.ToList()));
    }

    // Lists of ids: few, read whole with their pool (who may use it is decided in memory), so a JSON column.
    private static void Json(PropertyBuilder<List<string>> property) => property.HasConversion(
        v => JsonSerializer.Serialize(v, PlacementJson.Default.ListString),
        v => JsonSerializer.Deserialize(v, PlacementJson.Default.ListString) ?? new List<string>(),
        new ValueComparer<List<string>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode(StringComparison.Ordinal))), v => v.ToList()));
}
