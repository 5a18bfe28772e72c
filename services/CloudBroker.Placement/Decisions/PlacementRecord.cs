namespace CloudBroker.Placement.Decisions;

/// <summary>
/// Why an instance was placed where it is, written in the transaction that accepted it (<see cref="PlacementRecording"/>):
/// the policy, the anti-affinity group (the next order of the group reads where the group's machines are from the claims
/// of the instances recorded with it) and the decision as the caller may read it (<see cref="PlacementExplanation"/>, JSON).
/// </summary>
public sealed class PlacementRecord
{
    public required string InstanceId { get; init; }

    public required string TenantId { get; init; }

    public required string ProviderId { get; init; }

    public string? AntiAffinityGroup { get; init; }

    public required string Explanation { get; init; }

    public DateTime CreatedAt { get; init; }
}
