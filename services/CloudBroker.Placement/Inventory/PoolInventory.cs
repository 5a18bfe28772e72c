namespace CloudBroker.Placement.Inventory;

/// <summary>
/// What one realm of a pool holds and what the broker placed on it. Capacity (<c>null</c>: unlimited) is the provider's
/// own figure where it can say (<see cref="InventoryRefresher"/>), else the pool's declared one. The allocated counters
/// are the exact sum of the live claims on the row (<see cref="CapacityClaim"/>): only <see cref="CapacitySql"/> changes
/// them, in the save that adds or removes a claim, and each change bumps <see cref="Generation"/>.
/// </summary>
public sealed class PoolInventory
{
    public required string Id { get; init; }

    public required string PoolId { get; init; }

    public required string RealmId { get; init; }

    public long? CapacityCpu { get; set; }

    public long? CapacityMemoryMiB { get; set; }

    public long? CapacityStorageGiB { get; set; }

    /// <summary>The provider's own figures at its last read (<c>null</c>: it cannot say, or was not read yet).</summary>
    public long? ProviderCpu { get; set; }

    public long? ProviderMemoryMiB { get; set; }

    public long? ProviderStorageGiB { get; set; }

    public long AllocatedCpu { get; set; }

    public long AllocatedMemoryMiB { get; set; }

    public long AllocatedStorageGiB { get; set; }

    /// <summary>Bumped by every claim and release: a reader can tell the row moved.</summary>
    public long Generation { get; set; }

    /// <summary>When the provider last answered its capacity (<c>null</c>: never).</summary>
    public DateTime? ReadAt { get; set; }

    public static string IdOf(string poolId, string realmId) => poolId + "/" + realmId;

    /// <summary>Sets the capacity from the provider's figures, else the declared ones (<c>null</c>: unlimited).</summary>
    public void ApplyCapacity(Pools.DeclaredCapacity? declared)
    {
        CapacityCpu = ProviderCpu ?? declared?.Cpu;
        CapacityMemoryMiB = ProviderMemoryMiB ?? declared?.MemoryMiB;
        CapacityStorageGiB = ProviderStorageGiB ?? declared?.StorageGiB;
    }
}
