namespace CloudBroker.Placement.Placing.Filters;

/// <summary>A required anti-affinity group: no live machine of the tenant's group is in the realm already.</summary>
public sealed class AntiAffinityFilter : IPlacementFilter
{
    public string Name => "anti-affinity";

    public string? Refuses(PlacementOrder order, PlacementCandidate candidate) =>
        order.AntiAffinity is { Required: true } affinity && order.Occupied.ContainsKey(PlacementOrder.PlaceKey(candidate.Pool.ProviderId, candidate.RealmId))
            ? $"a machine of anti-affinity group '{affinity.Group}' is already in realm '{candidate.RealmId}'"
            : null;
}
