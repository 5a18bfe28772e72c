using CloudBroker.Placement.Sizes;

namespace CloudBroker.Placement.Placing.Filters;

/// <summary>One of the provider's hardware profiles fits the size (<see cref="SizeMatching.Best"/>).</summary>
public sealed class SizeFilter : IPlacementFilter
{
    public string Name => "size";

    public string? Refuses(PlacementOrder order, PlacementCandidate candidate) =>
        candidate.Match is null ? $"no hardware profile of provider '{candidate.Pool.ProviderId}' fits {order.Cpu} vCPU, {order.MemoryMiB} MiB, {order.StorageGiB} GiB" : null;
}
