using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudBroker.Provisioning.Operations;

internal sealed class OperationConfiguration : IEntityTypeConfiguration<Operation>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<Operation> builder)
    {
        builder.ToTable("operations");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).HasMaxLength(36);
        builder.Property(o => o.TargetId).HasMaxLength(36);
        builder.Property(o => o.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.TenantId).HasMaxLength(64);
        builder.Property(o => o.OwnerId).HasMaxLength(64);
        builder.Property(o => o.GroupId).HasMaxLength(64);
        builder.Property(o => o.Steps).HasConversion(
            v => JsonSerializer.Serialize(v, Json),
            v => JsonSerializer.Deserialize<List<OperationStep>>(v, Json) ?? new List<OperationStep>(),
            new ValueComparer<List<OperationStep>>((a, b) => a!.SequenceEqual(b!), v => v.Count, v => v.ToList()));
        builder.Property(o => o.Error).HasConversion(
            v => v == null ? null : JsonSerializer.Serialize(v, Json),
            v => v == null ? null : JsonSerializer.Deserialize<OperationError>(v, Json));
        builder.Property(o => o.PacingKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.Version).IsConcurrencyToken();
        builder.HasIndex(o => new { o.TargetId, o.Status });
        builder.HasIndex(o => new { o.Status, o.LeaseUntil });
    }
}
