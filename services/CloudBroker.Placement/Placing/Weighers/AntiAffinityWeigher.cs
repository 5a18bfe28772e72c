namespace CloudBroker.Placement.Placing.Weighers;

/// <summary>A soft anti-affinity group: the fewer of the group's live machines in the realm, the better.</summary>
public sealed class AntiAffinityWeigher : IPlacementWeigher
{
    public string Name => "anti-affinity";

    public double Raw(PlacementOrder order, PlacementCandidate candidate) =>
        order.AntiAffinity is null ? 0 : -order.Occupied.GetValueOrDefault(PlacementOrder.PlaceKey(candidate.Pool.ProviderId, candidate.RealmId));
}
