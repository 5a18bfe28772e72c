using CloudBroker.Drivers;
using CloudBroker.Persistence;
using CloudBroker.Placement.Pools;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Placement.Inventory;

/// <summary>
/// Keeps a pool's inventory rows in step with its realms and its capacity: a row per realm it covers, created if
/// missing (the same statement a claim uses, so the two never clash), its capacity the provider's figures where the
/// provider said them, else the pool's declared ones, else unlimited. It never touches the allocated counters.
/// </summary>
public static class InventorySync
{
    private const string Ensure =
        "INSERT INTO \"" + PoolInventoryConfiguration.Table + "\" (\"Id\", \"PoolId\", \"RealmId\", \"AllocatedCpu\", \"AllocatedMemoryMiB\", " +
        "\"AllocatedStorageGiB\", \"Generation\") VALUES ({0}, {1}, {2}, 0, 0, 0, 0) ON CONFLICT (\"Id\") DO NOTHING";

    /// <summary>
    /// Brings the rows of <paramref name="pool"/> in <paramref name="realms"/> up to date and saves; <paramref name="reading"/>
    /// is what the provider said now (<c>null</c>: not read this time, keep its last figures).
    /// </summary>
    public static async Task ApplyAsync(
        BrokerDbContext db, Pool pool, IEnumerable<string> realms, IReadOnlyList<RealmCapacity>? reading, DateTime now, CancellationToken cancellationToken)
    {
        var covered = realms.Where(pool.Covers).Concat(pool.Declared.Select(d => d.RealmId)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var realm in covered)
        {
            await db.Database.ExecuteSqlRawAsync(Ensure, [PoolInventory.IdOf(pool.Id, realm), pool.Id, realm], cancellationToken);
        }

        var rows = await db.Set<PoolInventory>().Where(r => r.PoolId == pool.Id).ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            if (reading is not null)
            {
                var read = reading.FirstOrDefault(r => r.RealmId == row.RealmId);
                row.ProviderCpu = read?.Cpu;
                row.ProviderMemoryMiB = read?.MemoryMiB;
                row.ProviderStorageGiB = read?.StorageGiB;
                row.ReadAt = read is null ? row.ReadAt : now;
            }

            row.ApplyCapacity(pool.Declared.FirstOrDefault(d => d.RealmId == row.RealmId));
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
