using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudBroker.Accounting.Exports;

internal sealed class ExportConfiguration : IEntityTypeConfiguration<Export>, IEntityTypeConfiguration<ExportFile>, IEntityTypeConfiguration<ExportChunk>
{
    public void Configure(EntityTypeBuilder<Export> builder)
    {
        builder.ToTable("exports");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasMaxLength(36);
        builder.Property(e => e.TenantId).HasMaxLength(64);
        builder.Property(e => e.OperationId).HasMaxLength(36);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Schedule).HasMaxLength(16);
        builder.Property(e => e.Version).IsConcurrencyToken();

        // Two requests at once cannot take the same revision number.
        builder.HasIndex(e => new { e.TenantId, e.PeriodStart, e.Revision }).IsUnique();

        // The worker's daily and final revisions: one per tenant, period and day (or final), whatever the processes
        // (a null, an export requested through the API, is unique on neither engine).
        builder.HasIndex(e => new { e.TenantId, e.PeriodStart, e.Schedule }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<ExportFile> builder)
    {
        builder.ToTable("export_files");
        builder.HasKey(f => new { f.ExportId, f.Name });
        builder.Property(f => f.ExportId).HasMaxLength(36);
        builder.Property(f => f.Name).HasMaxLength(128);
        builder.Property(f => f.ContentType).HasMaxLength(64);
        builder.Property(f => f.Sha256).HasMaxLength(64);
    }

    public void Configure(EntityTypeBuilder<ExportChunk> builder)
    {
        builder.ToTable("export_chunks");
        builder.HasKey(c => new { c.ExportId, c.Name, c.Index });
        builder.Property(c => c.ExportId).HasMaxLength(36);
        builder.Property(c => c.Name).HasMaxLength(128);
    }
}
