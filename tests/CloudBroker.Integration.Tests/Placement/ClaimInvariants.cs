namespace CloudBroker.Integration.Tests.Placement;

/// <summary>What an accepted create could draw from: the pools enabled in its round and the realm it asked (<c>null</c>: any).</summary>
internal sealed record Acceptance(IReadOnlySet<string> EnabledPools, string? RealmId);

/// <summary>How one create ended: accepted (with its instance), or refused with a status and problem type.</summary>
internal sealed record CreateOutcome(Order Order, int Status, string? ProblemType, string? InstanceId, string Body)
{
    public bool Accepted => Status == 202;
}

/// <summary>
/// What must hold after every round, checked on the database against the test's own arithmetic (never the broker's):
/// <list type="number">
/// <item>no row holds more than capacity × overcommit − headroom, and its capacity is the declared one;</item>
/// <item>each row's allocated counters are exactly the sum of its claims;</item>
/// <item>every live instance holds exactly one claim of its own size, on a row of a pool of its provider that was enabled
/// when it was accepted and in the realm it asked (the instance's own realm may differ when it asked none: the
/// driver still picks, see docs/placement.md); no claim belongs to an instance that is gone;</item>
/// <item>every accepted create has its instance and no refused one left any;</item>
/// <item>no refusal was false: a create refused for capacity could not fit on any of its candidate rows even counting
/// everything given back during the round; a create refused as <c>pool-not-allowed</c> had no enabled pool for its realm;
/// no other answer but <c>database-busy</c> (503: the API shed it under load, rolled back whole).</item>
/// </list>
/// </summary>
internal static class ClaimInvariants
{
    /// <summary>A create the API shed under load (its pool of connections full): rolled back whole, as the checks confirm.</summary>
    public const string DatabaseBusy = "/problems/database-busy";

    public static List<string> Check(
        InventorySnapshot before, InventorySnapshot after, IReadOnlyList<CreateOutcome> outcomes,
        IReadOnlyDictionary<string, PoolSpec> pools, IReadOnlySet<string> enabledThisRound, IDictionary<string, Acceptance> accepted)
    {
        var failures = new List<string>();
        var claimsByRow = after.Claims.GroupBy(c => c.InventoryId).ToDictionary(g => g.Key, g => g.Aggregate(default(Resources), (s, c) => s + c.Held));
        foreach (var row in after.Rows)
        {
            var sum = claimsByRow.GetValueOrDefault(row.Id);
            if (row.Allocated != sum)
            {
                failures.Add($"row {row.Id}: allocated {row.Allocated} but its claims sum to {sum}");
            }

            if (pools.TryGetValue(row.PoolId, out var pool))
            {
                var allocatable = pool.AllocatableIn(row.RealmId);
                if (!allocatable.Fits(row.Allocated, default))
                {
                    failures.Add($"row {row.Id}: allocated {row.Allocated} exceeds capacity × overcommit − headroom {allocatable}");
                }

                var declared = pool.Declared.GetValueOrDefault(row.RealmId);
                if ((row.CapacityCpu, row.CapacityMemoryMiB, row.CapacityStorageGiB) != declared)
                {
                    failures.Add($"row {row.Id}: capacity ({row.CapacityCpu}, {row.CapacityMemoryMiB}, {row.CapacityStorageGiB}) is not the declared {declared}");
                }
            }
        }

        var rows = after.Rows.ToDictionary(r => r.Id);
        var instances = after.Instances.ToDictionary(i => i.Id);
        var claimsOf = after.Claims.GroupBy(c => c.InstanceId).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var claim in after.Claims.Where(c => !instances.TryGetValue(c.InstanceId, out var i) || !i.IsLive))
        {
            failures.Add($"claim of {claim.InstanceId} on {claim.InventoryId} outlived its instance ({(instances.TryGetValue(claim.InstanceId, out var i) ? i.State : "no row")})");
        }

        foreach (var instance in after.Instances.Where(i => i.IsLive))
        {
            var held = claimsOf.GetValueOrDefault(instance.Id) ?? [];
            if (held.Count != 1)
            {
                failures.Add($"live instance {instance.Name} ({instance.State}) holds {held.Count} claims");
                continue;
            }

            var claim = held[0];
            var row = rows.GetValueOrDefault(claim.InventoryId);
            var acceptance = accepted.TryGetValue(instance.Id, out var a) ? a : null;
            if (claim.Held != instance.Size)
            {
                failures.Add($"instance {instance.Name} of {instance.Size} holds a claim of {claim.Held}");
            }

            if (row is null || !pools.TryGetValue(row.PoolId, out var pool) || pool.ProviderId != instance.ProviderId
                || (acceptance is not null && (!acceptance.EnabledPools.Contains(pool.Id) || (acceptance.RealmId is { } realm && row.RealmId != realm))))
            {
                failures.Add($"instance {instance.Name} ({instance.ProviderId}, realm asked {acceptance?.RealmId ?? "none"}) is counted on {claim.InventoryId}, not a row it could draw from");
            }
        }

        var byName = after.Instances.ToDictionary(i => i.Name);
        foreach (var outcome in outcomes)
        {
            var made = byName.GetValueOrDefault(outcome.Order.Name);
            if (outcome.Accepted && (made is null || made.Id != outcome.InstanceId))
            {
                failures.Add($"accepted create {outcome.Order.Name} ({outcome.InstanceId}) has no instance");
            }
            else if (!outcome.Accepted && made is not null)
            {
                failures.Add($"refused create {outcome.Order.Name} ({outcome.Status}) left instance {made.Id} ({made.State})");
            }
        }

        failures.AddRange(FalseRefusals(before, after, outcomes, pools, enabledThisRound));
        return failures;
    }

    /// <summary>
    /// A refusal is checked against the round's end: counters only grow during a round but for what was given back, so
    /// a create that could not fit when it ran cannot fit at the end with the round's releases added back either. Only
    /// the healthy provider is checked (a create of the failing one claims and gives back within the round, on a row
    /// the test cannot know).
    /// </summary>
    private static IEnumerable<string> FalseRefusals(
        InventorySnapshot before, InventorySnapshot after, IReadOnlyList<CreateOutcome> outcomes, IReadOnlyDictionary<string, PoolSpec> pools, IReadOnlySet<string> enabled)
    {
        var live = after.Instances.Where(i => i.IsLive).Select(i => i.Id).ToHashSet();
        var released = before.Claims.Where(c => !live.Contains(c.InstanceId)).GroupBy(c => c.InventoryId)
            .ToDictionary(g => g.Key, g => g.Aggregate(default(Resources), (s, c) => s + c.Held));
        var allocated = after.Rows.ToDictionary(r => r.Id, r => r.Allocated);
        foreach (var outcome in outcomes.Where(o => !o.Accepted && o.ProblemType != DatabaseBusy))
        {
            var order = outcome.Order;
            if (order.ProviderId != ClaimPlan.Healthy)
            {
                if (outcome.ProblemType is not ("/problems/capacity-exhausted" or "/problems/pool-not-allowed"))
                {
                    yield return $"create {order.Name} answered {outcome.Status} {outcome.ProblemType}: {outcome.Body}";
                }

                continue;
            }

            var candidates = pools.Values
                .Where(p => p.ProviderId == order.ProviderId && enabled.Contains(p.Id))
                .SelectMany(p => (order.RealmId is { } realm ? [realm] : ClaimPlan.Realms).Where(p.Covers).Select(r => (Pool: p, Realm: r)))
                .ToList();
            switch (outcome.ProblemType)
            {
                case "/problems/capacity-exhausted":
                    foreach (var (pool, realm) in candidates)
                    {
                        var id = pool.Id + "/" + realm;
                        var atMost = allocated.GetValueOrDefault(id) + released.GetValueOrDefault(id);
                        if (pool.AllocatableIn(realm).Fits(atMost, order.Size))
                        {
                            yield return $"create {order.Name} of {order.Size} was refused for capacity, yet row {id} had room " +
                                $"(at most {atMost} allocated when it ran, may hold {pool.AllocatableIn(realm)}): {outcome.Body}";
                        }
                    }

                    break;
                case "/problems/pool-not-allowed" when candidates.Count == 0:
                    break;
                default:
                    yield return $"create {order.Name} answered {outcome.Status} {outcome.ProblemType} with {candidates.Count} candidate row(s): {outcome.Body}";
                    break;
            }
        }
    }
}
