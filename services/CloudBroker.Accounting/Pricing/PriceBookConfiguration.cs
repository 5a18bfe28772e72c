using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudBroker.Accounting.Pricing;

internal sealed class PriceBookConfiguration :
    IEntityTypeConfiguration<PriceBook>, IEntityTypeConfiguration<PriceBookVersion>, IEntityTypeConfiguration<PriceLine>, IEntityTypeConfiguration<TenantContract>
{
    /// <summary>Prices carry twelve decimals (a GiB-hour of disk costs fractions of a cent).</summary>
    private const int PricePrecision = 28;

    private const int PriceScale = 12;

    public void Configure(EntityTypeBuilder<PriceBook> builder)
    {
        builder.ToTable("price_books");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).HasMaxLength(64);
        builder.Property(b => b.Name).HasMaxLength(63);
        builder.Property(b => b.Currency).HasMaxLength(3);
        builder.HasIndex(b => b.Name).IsUnique();
        builder.HasMany<PriceBookVersion>().WithOne().HasForeignKey(v => v.BookId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<PriceBookVersion> builder)
    {
        builder.ToTable("price_book_versions");
        builder.HasKey(v => new { v.BookId, v.Number });
        builder.Property(v => v.BookId).HasMaxLength(64);
        builder.Property(v => v.Status).HasMaxLength(16);
        builder.Property(v => v.Version).IsConcurrencyToken();
        builder.Ignore(v => v.IsPublished);
        builder.HasMany(v => v.Lines).WithOne().HasForeignKey(l => new { l.BookId, l.VersionNumber }).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(v => v.Contracts).WithOne().HasForeignKey(c => new { c.BookId, c.VersionNumber }).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(v => new { v.Status, v.EffectiveFrom });
    }

    public void Configure(EntityTypeBuilder<PriceLine> builder)
    {
        builder.ToTable("price_lines");
        builder.HasKey(l => new { l.BookId, l.VersionNumber, l.Index });
        builder.Property(l => l.BookId).HasMaxLength(64);
        builder.Property(l => l.ProviderId).HasMaxLength(63);
        builder.Property(l => l.Sku).HasMaxLength(256);
        builder.Property(l => l.TenantId).HasMaxLength(64);
        builder.Property(l => l.TierMode).HasMaxLength(16);
        builder.Property(l => l.UnitPrice).HasPrecision(PricePrecision, PriceScale);
        builder.Property(l => l.Tiers).HasMaxLength(2048);
        builder.Property(l => l.MonthlyFee).HasPrecision(PricePrecision, PriceScale);
    }

    public void Configure(EntityTypeBuilder<TenantContract> builder)
    {
        builder.ToTable("price_contracts");
        builder.HasKey(c => new { c.BookId, c.VersionNumber, c.TenantId });
        builder.Property(c => c.BookId).HasMaxLength(64);
        builder.Property(c => c.TenantId).HasMaxLength(64);
        builder.Property(c => c.Percent).HasPrecision(10, 6);
    }
}
