namespace CloudBroker.Placement.Placing.Weighers;

/// <summary>The failure penalty: the share of the provider's recent calls that failed (the window every call is recorded in).</summary>
public sealed class FailureWeigher : IPlacementWeigher
{
    public string Name => "failures";

    public double Raw(PlacementOrder order, PlacementCandidate candidate) => -(candidate.Provider?.FailureRate ?? 0);
}
