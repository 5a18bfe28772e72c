using CloudBroker.Placement.Pools;

namespace CloudBroker.Placement.Inventory;

/// <summary>
/// An inventory row a claim may be counted on. The save creates the row if the refresher has not yet, with the pool's
/// declared capacity for the realm (<paramref name="Declared"/>; none: unlimited until the provider says).
/// </summary>
public sealed record ClaimCandidate(string PoolId, string RealmId, DeclaredCapacity? Declared)
{
    public string InventoryId => PoolInventory.IdOf(PoolId, RealmId);
}
