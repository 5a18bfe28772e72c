using CloudBroker.Persistence;
using CloudBroker.Persistence.Saving;
using CloudBroker.Provisioning.Instances;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Placement.Inventory;

/// <summary>
/// Placement's step of every save, so an inventory row's allocated counters stay the exact sum of its live claims
/// whatever code saves. Before EF writes, the claims of instances this save moves to terminated, error or vanished
/// (moves are made by <see cref="InstanceTransitions.MoveTo"/>; the step reads them from the unit of work, so no move is
/// missed) are removed. After EF wrote its rows, and after the quota counters (registered after Quotas' step: one lock
/// order, quota counters then inventory rows by id), the removed claims are given back and the added ones counted
/// with a conditional UPDATE each (<see cref="CapacitySql"/>), and this process's placement snapshot is marked stale; a claim with no room throws 409 capacity-exhausted and
/// the whole save, the instance with it, rolls back.
/// </summary>
internal sealed class CapacitySaveStep(Placing.PlacementSnapshots snapshots) : ISaveStep
{
    public bool Concerns(BrokerDbContext db) => db.ChangeTracker.Entries().Any(e =>
        e.Entity is CapacityClaim || (e.Entity is Instance && Leaves(e)));

    public async Task<BeforeCommit?> PrepareAsync(BrokerDbContext db, CancellationToken cancellationToken)
    {
        var gone = db.ChangeTracker.Entries<Instance>().Where(Leaves).Select(e => e.Entity.Id).ToList();
        if (gone.Count > 0)
        {
            foreach (var claim in await db.Set<CapacityClaim>().Where(c => gone.Contains(c.InstanceId)).ToListAsync(cancellationToken))
            {
                db.Remove(claim);
            }
        }

        var released = db.ChangeTracker.Entries<CapacityClaim>().Where(e => e.State == EntityState.Deleted).Select(e => e.Entity)
            .OrderBy(c => c.InventoryId, StringComparer.Ordinal).ToList();
        var claimed = db.ChangeTracker.Entries<CapacityClaim>().Where(e => e.State == EntityState.Added).Select(e => e.Entity)
            .OrderBy(c => c.InstanceId, StringComparer.Ordinal).ToList();
        if (released.Count == 0 && claimed.Count == 0)
        {
            return null;
        }

        return async beforeCommit =>
        {
            foreach (var claim in released)
            {
                await CapacitySql.ReleaseAsync(db, claim, beforeCommit);
            }

            foreach (var claim in claimed)
            {
                await CapacitySql.ClaimAsync(db, claim, beforeCommit);
            }

            snapshots.Invalidate(); // this process's next decision sees its own claims and releases
        };
    }

    /// <summary>
    /// Whether the entry moves a live instance to a state that holds nothing (the states quotas give back at). Compared
    /// with the snapshot, not the entry's state: the save steps run before EF detects changes.
    /// </summary>
    private static bool Leaves(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry) =>
        entry.State is EntityState.Modified or EntityState.Unchanged && IsGone(((Instance)entry.Entity).State) && !IsGone((InstanceState)entry.Property(nameof(Instance.State)).OriginalValue!);

    private static bool IsGone(InstanceState state) => state is InstanceState.Terminated or InstanceState.Error or InstanceState.Vanished;
}
