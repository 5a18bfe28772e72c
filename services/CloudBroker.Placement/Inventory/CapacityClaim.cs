using System.ComponentModel.DataAnnotations.Schema;

namespace CloudBroker.Placement.Inventory;

/// <summary>
/// What a live instance takes from one inventory row. Added in the create's save (<see cref="PoolAdmission"/>), removed
/// in the save that moves the instance to terminated, error or vanished (<see cref="CapacitySaveStep"/>); the row's
/// counters follow in the same transaction.
/// </summary>
public sealed class CapacityClaim
{
    public required string InstanceId { get; init; }

    public required string TenantId { get; init; }

    /// <summary>The row it is counted on (the first of <see cref="Candidates"/> with room, set at the save).</summary>
    public required string InventoryId { get; set; }

    public long Cpu { get; init; }

    public long MemoryMiB { get; init; }

    public long StorageGiB { get; init; }

    public DateTime CreatedAt { get; init; }

    /// <summary>The rows it may be counted on, best first (the create's pools by priority, their realms). Never stored.</summary>
    [NotMapped]
    public IReadOnlyList<ClaimCandidate> Candidates { get; init; } = [];
}
