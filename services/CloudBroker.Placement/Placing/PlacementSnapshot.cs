using CloudBroker.Placement.Inventory;
using CloudBroker.Placement.Pools;

namespace CloudBroker.Placement.Placing;

/// <summary>
/// The in-memory view a decision runs over: every pool, its inventory rows by id, and the providers. Read from the
/// database on a short timer and after this process's own claims (<see cref="PlacementSnapshots"/>), never locked: the
/// exact check is the claim at the save, and a row that filled since is the next candidate's turn.
/// </summary>
public sealed record PlacementSnapshot(
    IReadOnlyList<Pool> Pools,
    IReadOnlyDictionary<string, PoolInventory> Rows,
    IReadOnlyDictionary<string, ProviderView> Providers,
    DateTime TakenAt)
{
    private Dictionary<string, Dictionary<string, PoolInventory>>? _byPool;

    /// <summary>
    /// The row of <paramref name="realmId"/> in <paramref name="poolId"/>, or <c>null</c>; through an index by pool made
    /// once per snapshot, so a decision over thousands of realms builds no row id per candidate.
    /// </summary>
    public PoolInventory? RowOf(string poolId, string realmId)
    {
        _byPool ??= Rows.Values
            .GroupBy(row => row.PoolId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToDictionary(row => row.RealmId, StringComparer.Ordinal), StringComparer.Ordinal);
        return _byPool.TryGetValue(poolId, out var realms) ? realms.GetValueOrDefault(realmId) : null;
    }
}
