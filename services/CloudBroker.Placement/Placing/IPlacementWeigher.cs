namespace CloudBroker.Placement.Placing;

/// <summary>
/// What makes a passing candidate better, as a raw value (higher is better); the engine normalises each weigher's
/// values over the candidates to 0..1 and multiplies them by the weigher's setting, so the parts add up comparably.
/// </summary>
public interface IPlacementWeigher
{
    string Name { get; }

    double Raw(PlacementOrder order, PlacementCandidate candidate);
}
