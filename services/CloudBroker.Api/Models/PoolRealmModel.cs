namespace CloudBroker.Api.Models;

/// <summary>
/// One realm of a pool: what it holds (<c>capacity</c>, <c>null</c> per resource: unlimited; <c>capacitySource</c>:
/// <c>provider</c>, <c>declared</c> or <c>unlimited</c>), what may be allocated after overcommit and headroom
/// (<c>allocatable</c>), what the broker's live machines take (<c>allocated</c>), and the row's <c>generation</c>.
/// </summary>
public sealed record PoolRealmModel(
    string RealmId,
    PoolResourcesModel Capacity,
    string CapacitySource,
    PoolResourcesModel Allocatable,
    PoolResourcesModel Allocated,
    long Generation,
    DateTime? ReadAt);
