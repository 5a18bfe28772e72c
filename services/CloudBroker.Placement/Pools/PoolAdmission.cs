using CloudBroker.Persistence;
using CloudBroker.Placement.Inventory;
using CloudBroker.Problems;
using CloudBroker.Provisioning.Instances;
using CloudBroker.Provisioning.Providers;

namespace CloudBroker.Placement.Pools;

/// <summary>
/// The pools' rule on every create (<see cref="ICreateAdmission"/>, run by <see cref="InstanceRequests.CreateAsync"/>):
/// the machine draws from the enabled pools of its provider open to its tenant or to the group it is charged to and
/// covering the realm asked; none → 403 pool-not-allowed naming the provider, and nothing about pools the caller may
/// not use. It adds the capacity claim, whose rows are the pools' realms best first (priority, then id; for a placed
/// create, placement's rows in score order, those the rule still allows); the save counts
/// it on the first with room (<see cref="CapacitySaveStep"/>) or refuses the whole create.
/// </summary>
internal sealed class PoolAdmission(TimeProvider time) : ICreateAdmission
{
    /// <summary>The realm id a claim is counted on when the provider lists no realm at all.</summary>
    public const string AnyRealm = "*";

    public async Task AdmitAsync(BrokerDbContext db, Provider provider, Instance instance, PlacementChoice? placed, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var usable = (await DefaultPools.OfProviderAsync(db, provider.Id, now, cancellationToken))
            .Where(p => MayDrawFrom(p, instance.TenantId, instance.GroupId) && (instance.RealmId is null || p.Covers(instance.RealmId)))
            .OrderByDescending(p => p.Priority).ThenBy(p => p.Id, StringComparer.Ordinal).ToList();
        if (usable.Count == 0)
        {
            var where = instance.RealmId is null ? "" : $" in realm '{instance.RealmId}'";
            throw new ProblemException(ProblemTypes.PoolNotAllowed,
                $"no enabled pool of provider '{provider.Id}'{where} is open to your tenant or to group '{instance.GroupId}'",
                extensions: new Dictionary<string, object?> { ["providerId"] = provider.Id });
        }

        var realms = provider.Catalog.Realms.Where(r => r.Available).Select(r => r.Id).ToList();
        var candidates = placed is null
            ? usable.SelectMany(pool => RealmsOf(pool, instance.RealmId, realms)
                .Select(realm => new ClaimCandidate(pool.Id, realm, pool.Declared.FirstOrDefault(d => d.RealmId == realm)))).ToList()
            : [.. placed.Rows.Select(row => (Pool: usable.FirstOrDefault(p => p.Id == row.PoolId), row.RealmId)) // placement's order, still within the rule
                .Where(row => row.Pool is not null && row.Pool.Covers(row.RealmId))
                .Select(row => new ClaimCandidate(row.Pool!.Id, row.RealmId, row.Pool.Declared.FirstOrDefault(d => d.RealmId == row.RealmId)))];
        if (candidates.Count == 0)
        {
            throw new ProblemException(ProblemTypes.PoolNotAllowed,
                $"no pool of provider '{provider.Id}' open to you covers an available realm",
                extensions: new Dictionary<string, object?> { ["providerId"] = provider.Id });
        }

        db.Add(new CapacityClaim
        {
            InstanceId = instance.Id,
            TenantId = instance.TenantId,
            InventoryId = candidates[0].InventoryId,
            Cpu = instance.Cpu,
            MemoryMiB = instance.MemoryMiB,
            StorageGiB = instance.StorageGiB,
            CreatedAt = now,
            Candidates = candidates,
        });
    }

    /// <summary>The rule: a machine of <paramref name="tenantId"/> charged to <paramref name="groupId"/> may draw from the pool (placement builds its candidates with it too).</summary>
    public static bool MayDrawFrom(Pool pool, string tenantId, string? groupId) => pool.Enabled && pool.IsOpenTo(tenantId, groupId);

    /// <summary>The realms a claim may be counted on in <paramref name="pool"/>: the one asked, else the pool's available ones.</summary>
    internal static List<string> RealmsOf(Pool pool, string? asked, IReadOnlyList<string> available, IReadOnlyDictionary<string, int>? positions = null)
    {
        if (asked is not null)
        {
            return [asked];
        }

        if (available.Count == 0)
        {
            return [AnyRealm];
        }

        if (pool.Realms.Count == 0 || positions is null)
        {
            return [.. available.Where(pool.Covers)];
        }

        // A pool names a few of its provider's realms: look each up (placement asks this for every pool it may use,
        // and scanning the provider's realms against the pool's list was the decision's largest cost), in the
        // provider's order like the scan.
        var covered = new List<string>(pool.Realms.Count);
        foreach (var realm in pool.Realms)
        {
            if (positions.ContainsKey(realm))
            {
                covered.Add(realm);
            }
        }

        covered.Sort((a, b) => positions[a].CompareTo(positions[b]));
        return covered;
    }
}
