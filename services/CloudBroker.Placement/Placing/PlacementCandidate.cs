using CloudBroker.Drivers;
using CloudBroker.Placement.Inventory;
using CloudBroker.Placement.Pools;
using CloudBroker.Placement.Sizes;

namespace CloudBroker.Placement.Placing;

/// <summary>
/// One realm of one pool the caller may use, with what the order would be there (the size's profile and the family's
/// image on its provider) and, once decided, which filter refused it or its score by weigher.
/// </summary>
public sealed class PlacementCandidate(Pool pool, ProviderView? provider, string realmId, PoolInventory? row, SizeMatch? match, Image? image)
{
    public Pool Pool { get; } = pool;

    /// <summary><c>null</c> when the pool's provider is no longer configured.</summary>
    public ProviderView? Provider { get; } = provider;

    public string RealmId { get; } = realmId;

    /// <summary>The inventory row, <c>null</c> until the refresher or a first claim makes it (then the declared capacity counts).</summary>
    public PoolInventory? Row { get; } = row;

    public SizeMatch? Match { get; } = match;

    public Image? Image { get; } = image;

    public string InventoryId => PoolInventory.IdOf(Pool.Id, RealmId);

    public bool IsPublic => Provider?.IsPublic ?? false;

    /// <summary>The first filter that refused it, and why; <c>null</c> while it passes.</summary>
    public FilterVerdict? Refusal { get; internal set; }

    /// <summary>Every filter's verdict, when the decision was asked to explain.</summary>
    public List<FilterVerdict>? Verdicts { get; internal set; }

    /// <summary>Each weigher's normalised value (0..1) times its multiplier, in the engine's weigher order.</summary>
    public double[] Parts { get; internal set; } = [];

    public double Score { get; internal set; }

    public bool Passed => Refusal is null;

    /// <summary>What may be allocated of each resource (capacity × overcommit − headroom; <c>null</c>: unlimited) and what is.</summary>
    public (long? Allocatable, long Allocated) Room(int resource)
    {
        var declared = Row is null ? Pool.Declared.FirstOrDefault(d => d.RealmId == RealmId) : null;
        var (capacity, allocated, ratio, headroom) = resource switch
        {
            0 => (Row is null ? declared?.Cpu : Row.CapacityCpu, Row?.AllocatedCpu ?? 0, Pool.CpuRatio, Pool.HeadroomCpu),
            1 => (Row is null ? declared?.MemoryMiB : Row.CapacityMemoryMiB, Row?.AllocatedMemoryMiB ?? 0, Pool.MemoryRatio, Pool.HeadroomMemoryMiB),
            _ => (Row is null ? declared?.StorageGiB : Row.CapacityStorageGiB, Row?.AllocatedStorageGiB ?? 0, Pool.StorageRatio, Pool.HeadroomStorageGiB),
        };
        return (capacity is { } c ? (long)Math.Floor(c * ratio) - headroom : null, allocated);
    }
}
