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
/// with a conditional UPDATE each (<see cref="CapacitySql"/>), and this process's placement snapshot is marked stale; a
/// claim with no room throws 409 capacity-exhausted and the whole save, the instance with it, rolls back. An instance
/// that enters running or stopped without having been placed (adopted by the reconciler) or from a state that holds
/// nothing (back from error) is counted where its machine is, whatever room is left (<see cref="ObservedClaims"/>): the
/// provider runs it already.
/// </summary>
internal sealed class CapacitySaveStep(Placing.PlacementSnapshots snapshots, TimeProvider time) : ISaveStep
{
    public bool Concerns(BrokerDbContext db) => db.ChangeTracker.Entries().Any(e =>
        e.Entity is CapacityClaim || (e.Entity is Instance && (Leaves(e) || Enters(e))));

    public async Task<BeforeCommit?> PrepareAsync(BrokerDbContext db, CancellationToken cancellationToken)
    {
        var counted = await CountObservedAsync(db, cancellationToken);
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
            .Where(c => !counted.Contains(c)).OrderBy(c => c.InstanceId, StringComparer.Ordinal).ToList();
        if (released.Count == 0 && claimed.Count == 0 && counted.Count == 0)
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

            foreach (var claim in counted)
            {
                await CapacitySql.CountAsync(db, claim, beforeCommit);
            }

            snapshots.Invalidate(); // this process's next decision sees its own claims and releases
        };
    }

    /// <summary>Adds the claims of the instances this save brings to running or stopped without a placement (<see cref="Enters"/>).</summary>
    private async Task<List<CapacityClaim>> CountObservedAsync(BrokerDbContext db, CancellationToken cancellationToken)
    {
        var placed = db.ChangeTracker.Entries<CapacityClaim>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.InstanceId).ToHashSet();
        var entering = db.ChangeTracker.Entries<Instance>().Where(Enters).Select(e => e.Entity).Where(i => !placed.Contains(i.Id)).ToList();
        var counted = new List<CapacityClaim>();
        foreach (var instance in entering)
        {
            if (await ObservedClaims.ForAsync(db, instance, time.GetUtcNow().UtcDateTime, cancellationToken) is { } claim)
            {
                db.Add(claim);
                counted.Add(claim);
            }
        }

        return counted;
    }

    /// <summary>
    /// Whether the entry moves a live instance to a state that holds nothing (the states quotas give back at). Compared
    /// with the snapshot, not the entry's state: the save steps run before EF detects changes.
    /// </summary>
    private static bool Leaves(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry) =>
        entry.State is EntityState.Modified or EntityState.Unchanged && IsGone(((Instance)entry.Entity).State) && !IsGone((InstanceState)entry.Property(nameof(Instance.State)).OriginalValue!);

    /// <summary>
    /// Whether the entry brings an instance to a state its machine runs or rests in (running, stopped) from nothing: added
    /// so (adopted: a create is added pending, with its claim) or moved so from a state that holds nothing (error).
    /// </summary>
    private static bool Enters(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry) =>
        ((Instance)entry.Entity).State is InstanceState.Running or InstanceState.Stopped && (entry.State == EntityState.Added
            || (entry.State is EntityState.Modified or EntityState.Unchanged && IsGone((InstanceState)entry.Property(nameof(Instance.State)).OriginalValue!)));

    private static bool IsGone(InstanceState state) => state is InstanceState.Terminated or InstanceState.Error or InstanceState.Vanished;
}
