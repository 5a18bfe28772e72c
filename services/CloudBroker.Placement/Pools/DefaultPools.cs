using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Placement.Pools;

/// <summary>
/// Every provider has a pool from the moment it is used: a provider with no pool at all gets its default one (the
/// provider's id, open to every tenant, ratios 1.0, no headroom), so everything that worked before pools still does. An
/// admin narrows or disables it; it cannot be deleted (it would come back), so "no pool" never means "open".
/// </summary>
public static class DefaultPools
{
    private const string Insert =
        "INSERT INTO \"" + PoolConfiguration.Table + "\" (\"Id\", \"ProviderId\", \"Realms\", \"CpuRatio\", \"MemoryRatio\", \"StorageRatio\", " +
        "\"HeadroomCpu\", \"HeadroomMemoryMiB\", \"HeadroomStorageGiB\", \"Priority\", \"Enabled\", \"OpenToAll\", \"TenantIds\", \"GroupIds\", " +
        "\"Declared\", \"Version\", \"CreatedAt\", \"UpdatedAt\") " +
        "VALUES ({0}, {0}, '[]', 1.0, 1.0, 1.0, 0, 0, 0, 0, {1}, {1}, '[]', '[]', '[]', 1, {2}, {2}) ON CONFLICT (\"Id\") DO NOTHING";

    /// <summary>The provider's pools, its default one made first if it has none (concurrent callers make it once).</summary>
    public static async Task<List<Pool>> OfProviderAsync(BrokerDbContext db, string providerId, DateTime now, CancellationToken cancellationToken)
    {
        var pools = await db.Set<Pool>().AsNoTracking().Where(p => p.ProviderId == providerId).ToListAsync(cancellationToken);
        if (pools.Count > 0)
        {
            return pools;
        }

        await db.Database.ExecuteSqlRawAsync(Insert, [providerId, true, now], cancellationToken);
        return await db.Set<Pool>().AsNoTracking().Where(p => p.ProviderId == providerId).ToListAsync(cancellationToken);
    }

    public static bool IsDefault(Pool pool) => pool.Id == pool.ProviderId;
}
