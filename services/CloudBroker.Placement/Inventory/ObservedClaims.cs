using CloudBroker.Persistence;
using CloudBroker.Placement.Pools;
using CloudBroker.Provisioning.Instances;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Placement.Inventory;

/// <summary>
/// The claim of a machine the broker did not place but finds running or stopped at its provider: one the reconciler
/// adopts, or one whose instance comes back from error. It already takes room there, so it is counted on its realm's
/// row whatever room is left (<see cref="CapacitySql.CountAsync"/>): a row may then show more allocated than it may
/// allocate, and every create's claim is refused there until enough is given back. The row is that of the provider's
/// pool covering the instance's realm, those open to the instance's tenant or group first, then enabled ones, then by
/// priority and id (as a create ranks them); a pool it may not use or a disabled one still counts it, since the machine
/// is there all the same. No pool covers the realm: nothing draws from it, so nothing is counted.
/// </summary>
internal static class ObservedClaims
{
    public static async Task<CapacityClaim?> ForAsync(BrokerDbContext db, Instance instance, DateTime now, CancellationToken cancellationToken)
    {
        var realm = instance.RealmId ?? PoolAdmission.AnyRealm;
        var pool = (await DefaultPools.OfProviderAsync(db, instance.ProviderId, now, cancellationToken))
            .Where(p => p.Covers(realm))
            .OrderByDescending(p => p.IsOpenTo(instance.TenantId, instance.GroupId))
            .ThenByDescending(p => p.Enabled)
            .ThenByDescending(p => p.Priority)
            .ThenBy(p => p.Id, StringComparer.Ordinal)
            .FirstOrDefault();
        if (pool is null || await db.Set<CapacityClaim>().AnyAsync(c => c.InstanceId == instance.Id, cancellationToken))
        {
            return null;
        }

        var candidate = new ClaimCandidate(pool.Id, realm, pool.Declared.FirstOrDefault(d => d.RealmId == realm));
        return new CapacityClaim
        {
            InstanceId = instance.Id,
            TenantId = instance.TenantId,
            InventoryId = candidate.InventoryId,
            Cpu = instance.Cpu,
            MemoryMiB = instance.MemoryMiB,
            StorageGiB = instance.StorageGiB,
            CreatedAt = now,
            Candidates = [candidate],
        };
    }
}
