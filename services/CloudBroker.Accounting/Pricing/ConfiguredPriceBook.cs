using System.Globalization;
using CloudBroker.Accounting.Metering;
using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace CloudBroker.Accounting.Pricing;

/// <summary>
/// The prices declared beside providers in configuration (<c>CloudBroker:Providers:&lt;id&gt;:Prices</c>: a price per
/// hardware profile, <c>CpuHour</c>, <c>MemoryGiBHour</c>, <c>StorageGiBHour</c>) become the published book
/// <c>configuration</c> at start-up: version 1 in force since <see cref="Since"/>, and a new version, in force from that
/// start, whenever the configured prices differ from its latest one. Processes starting together race to insert the
/// same version; the loser reads the winner's and finds nothing to do.
/// </summary>
public static class ConfiguredPriceBook
{
    public const string BookId = "configuration";

    /// <summary>When the first configured prices take effect: before any usage the broker can have metered.</summary>
    public static readonly DateTime Since = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private const string ProvidersSection = "CloudBroker:Providers";

    public static async Task EnsureAsync(BrokerDbContext db, IConfiguration configuration, string currency, DateTime now, CancellationToken cancellationToken)
    {
        var lines = Read(configuration, currency);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await PublishIfChangedAsync(db, lines, currency, now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond)), cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                db.ChangeTracker.Clear(); // another process inserted the same version first: read what it wrote
            }
        }
    }

    /// <summary>The configured prices as flat general lines, in a stable order; a currency other than the broker's stops the start.</summary>
    public static List<PriceLineDraft> Read(IConfiguration configuration, string currency)
    {
        var lines = new List<PriceLineDraft>();
        foreach (var provider in configuration.GetSection(ProvidersSection).GetChildren().OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var prices = provider.GetSection("Prices");
            if (!prices.Exists())
            {
                continue;
            }

            var priced = prices["Currency"] ?? currency;
            if (!string.Equals(priced, currency, StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"{prices.Path}:Currency is {priced}, but the broker rates and budgets in {currency} (CloudBroker:Quotas:Currency) and one currency is all this version rates. " +
                    $"Give both the same currency, or remove {prices.Path} and publish the prices as a price book in {currency} (POST /api/price-books; see docs/accounting.md).");
            }

            foreach (var profile in prices.GetSection("HardwareProfiles").GetChildren().OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                lines.Add(Flat(provider.Key, profile.Key, Parse(profile.Path, profile.Value)));
            }

            foreach (var (key, meter) in new[] { ("CpuHour", Meters.VcpuHours), ("MemoryGiBHour", Meters.MemoryGibHours), ("StorageGiBHour", Meters.StorageGibHours) })
            {
                if (prices[key] is { } value)
                {
                    lines.Add(Flat(provider.Key, meter, Parse($"{prices.Path}:{key}", value)));
                }
            }
        }

        return lines;
    }

    private static async Task PublishIfChangedAsync(BrokerDbContext db, List<PriceLineDraft> lines, string currency, DateTime now, CancellationToken cancellationToken)
    {
        var book = await db.Set<PriceBook>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == BookId, cancellationToken);

        // The latest published version and the next number from one statement, so one snapshot: read apart, a version
        // another process committed between them would be numbered past, not collided with, and published twice.
        var versions = book is null ? [] : await db.Set<PriceBookVersion>().AsNoTracking().Include(v => v.Lines)
            .Where(v => v.BookId == BookId).ToListAsync(cancellationToken);
        var latest = versions.Where(v => v.Status == PriceBookStatuses.Published).MaxBy(v => v.Number);
        if (latest is null ? lines.Count == 0 : Same(latest.Lines, lines))
        {
            return;
        }

        if (book is null)
        {
            book = new PriceBook { Id = BookId, Name = BookId, Currency = currency, CreatedAt = now };
            db.Add(book);
        }

        var number = versions.Count == 0 ? 1 : versions.Max(v => v.Number) + 1;
        var version = new PriceBookVersion { BookId = BookId, Number = number, Status = PriceBookStatuses.Draft, CreatedAt = now };
        version.Edit(latest is null ? Since : now, null, lines, [], now);
        version.Publish(book, currency, now);
        db.Add(version);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static bool Same(List<PriceLine> stored, List<PriceLineDraft> configured) =>
        stored.Count == configured.Count && stored.OrderBy(l => l.Index).Zip(configured)
            .All(p => p.First.ProviderId == p.Second.ProviderId && p.First.Sku == p.Second.Sku && p.First.TenantId is null
                && p.First.TierMode == TierModes.Flat && p.First.UnitPrice == p.Second.UnitPrice && p.First.MonthlyFee is null);

    private static PriceLineDraft Flat(string providerId, string sku, decimal price) => new(providerId, sku, null, TierModes.Flat, price, [], null);

    private static decimal Parse(string path, string? value) =>
        decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price)
            ? price
            : throw new InvalidOperationException($"{path} = '{value}' is not a price (a decimal such as 0.0125)");
}
