using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudBroker.Provisioning.Reconciliation;

internal sealed class ReconciliationRunConfiguration : IEntityTypeConfiguration<ReconciliationRun>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<ReconciliationRun> builder)
    {
        builder.ToTable("reconciliations");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasMaxLength(36);
        builder.Property(r => r.ProviderId).HasMaxLength(63);
        builder.Property(r => r.Trigger).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Error).HasMaxLength(1000);

        // The machines are read with their run, never queried on their own: one JSON column.
        builder.Property(r => r.Machines).HasConversion(
            v => JsonSerializer.Serialize(v, Json),
            v => JsonSerializer.Deserialize<List<ReconciliationMachine>>(v, Json) ?? new List<ReconciliationMachine>(),
            new ValueComparer<List<ReconciliationMachine>>((a, b) => a!.SequenceEqual(b!), v => v.Count, v => v.ToList()));
        builder.HasIndex(r => new { r.ProviderId, r.Id });
    }
}
