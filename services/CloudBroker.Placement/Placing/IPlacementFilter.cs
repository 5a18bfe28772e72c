namespace CloudBroker.Placement.Placing;

/// <summary>A rule a candidate must pass, judged on the candidate alone; pure and in memory.</summary>
public interface IPlacementFilter
{
    /// <summary>The name the explain output and <c>no-valid-placement</c> give.</summary>
    string Name { get; }

    /// <summary>Why the candidate is refused, or <c>null</c> when it passes.</summary>
    string? Refuses(PlacementOrder order, PlacementCandidate candidate);
}
