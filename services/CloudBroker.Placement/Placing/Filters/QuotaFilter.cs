namespace CloudBroker.Placement.Placing.Filters;

/// <summary>The caller's quotas (tenant, group, user, and the provider's scope) have room for the machine, as last committed.</summary>
public sealed class QuotaFilter : IPlacementFilter
{
    public string Name => "quota";

    public string? Refuses(PlacementOrder order, PlacementCandidate candidate)
    {
        var (cpu, memory, storage) = candidate.Match is { } m ? (m.Cpu, m.MemoryMiB, m.StorageGiB) : (order.Cpu, order.MemoryMiB, order.StorageGiB);
        if (order.Quota.Refuses(cpu, memory, storage) is { } resource)
        {
            return $"your quota of {resource} has no room for it";
        }

        return order.ProviderQuota.TryGetValue(candidate.Pool.ProviderId, out var room) && room.Refuses(cpu, memory, storage) is { } scoped
            ? $"provider '{candidate.Pool.ProviderId}''s quota of {scoped} has no room for it"
            : null;
    }
}
