namespace CloudBroker.Placement.Placing.Weighers;

/// <summary>The pool's priority, as the admin set it (higher first).</summary>
public sealed class PriorityWeigher : IPlacementWeigher
{
    public string Name => "priority";

    public double Raw(PlacementOrder order, PlacementCandidate candidate) => candidate.Pool.Priority;
}
