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
    DateTime TakenAt);
