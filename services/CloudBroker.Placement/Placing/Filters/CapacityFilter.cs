namespace CloudBroker.Placement.Placing.Filters;

/// <summary>
/// The realm has room after overcommit and headroom (capacity × ratio − headroom − allocated), as the snapshot saw it;
/// the claim at the save checks it exactly.
/// </summary>
public sealed class CapacityFilter : IPlacementFilter
{
    private static readonly string[] Resources = ["cpu", "memoryMiB", "storageGiB"];

    public string Name => "capacity";

    public string? Refuses(PlacementOrder order, PlacementCandidate candidate)
    {
        for (var resource = 0; resource < Resources.Length; resource++)
        {
            var requested = Requested(order, candidate, resource);
            if (candidate.Room(resource) is ({ } allocatable, var allocated) && allocated + requested > allocatable)
            {
                return $"{Resources[resource]}: {allocated} allocated + {requested} asked > {allocatable}";
            }
        }

        return null;
    }

    /// <summary>What the machine takes of <paramref name="resource"/> there (the profile's values when it matched, else the size's).</summary>
    public static long Requested(PlacementOrder order, PlacementCandidate candidate, int resource) => resource switch
    {
        0 => candidate.Match?.Cpu ?? order.Cpu,
        1 => candidate.Match?.MemoryMiB ?? order.MemoryMiB,
        _ => candidate.Match?.StorageGiB ?? order.StorageGiB,
    };
}
