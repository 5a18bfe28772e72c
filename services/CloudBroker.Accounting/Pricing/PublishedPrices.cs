using CloudBroker.Accounting.Metering;
using CloudBroker.Persistence;
using CloudBroker.Quotas.Pricing;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Accounting.Pricing;

/// <summary>
/// The process's copy of the published price books (<see cref="PriceCatalog"/>): loaded at start-up, replaced at once
/// when this process publishes, and re-read by <see cref="PriceCatalogRefresher"/> when another process did. Prices the
/// budget's estimate (<see cref="IHourlyPrices"/>) from the same lines rating uses.
/// </summary>
public sealed class PublishedPrices : IHourlyPrices
{
    private volatile Loaded _loaded = new(PriceCatalog.Empty, "");

    public PriceCatalog Catalog => _loaded.Catalog;

    /// <summary>Reads every published version, unless the set of publications is the one already loaded.</summary>
    public async Task RefreshAsync(BrokerDbContext db, CancellationToken cancellationToken)
    {
        var stamp = await StampAsync(db, cancellationToken);
        if (stamp != _loaded.Stamp)
        {
            _loaded = new Loaded(await LoadAsync(db, cancellationToken), stamp);
        }
    }

    /// <summary>Every published version with its lines and contracts, compiled.</summary>
    public static async Task<PriceCatalog> LoadAsync(BrokerDbContext db, CancellationToken cancellationToken) =>
        PriceCatalog.Build(await db.Set<PriceBookVersion>().AsNoTracking().AsSplitQuery()
            .Where(v => v.Status == PriceBookStatuses.Published)
            .Include(v => v.Lines).Include(v => v.Contracts)
            .ToListAsync(cancellationToken));

    public decimal HourlyPrice(string tenantId, string providerId, string hardwareProfileId, long cpu, long memoryMiB, long storageGiB, DateTime at)
    {
        var epoch = Catalog.At(at);
        decimal hourly;
        if (epoch.Find(providerId, hardwareProfileId)?.For(tenantId) is { } profile)
        {
            var month = new DateTime(at.Year, at.Month, 1, 0, 0, 0, DateTimeKind.Utc);
            hourly = profile.FirstPrice + ((profile.MonthlyFee ?? 0m) / (decimal)(month.AddMonths(1) - month).TotalHours);
        }
        else
        {
            decimal Meter(string meter) => epoch.Find(providerId, meter)?.For(tenantId)?.FirstPrice ?? 0m;
            hourly = Meter(Meters.InstanceHours) + (Meter(Meters.VcpuHours) * cpu) + (Meter(Meters.MemoryGibHours) * memoryMiB / 1024m)
                + (Meter(Meters.StorageGibHours) * storageGiB);
        }

        return hourly * (1m + (epoch.ContractPercent(tenantId) / 100m));
    }

    /// <summary>What changes whenever a version is published: their count and the latest publication time.</summary>
    private static async Task<string> StampAsync(BrokerDbContext db, CancellationToken cancellationToken)
    {
        var published = db.Set<PriceBookVersion>().Where(v => v.Status == PriceBookStatuses.Published);
        var count = await published.CountAsync(cancellationToken);
        var latest = count == 0 ? null : await published.MaxAsync(v => v.PublishedAt, cancellationToken);
        return $"{count}/{latest:O}";
    }

    private sealed record Loaded(PriceCatalog Catalog, string Stamp);
}
