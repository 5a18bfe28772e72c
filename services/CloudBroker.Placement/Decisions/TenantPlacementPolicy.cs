namespace CloudBroker.Placement.Decisions;

/// <summary>A tenant's default placement policy (<c>private-first</c> when it has none), set by an admin or the tenant's admin; an order may name its own.</summary>
public sealed class TenantPlacementPolicy
{
    public required string TenantId { get; init; }

    public required string Policy { get; set; }

    public int Version { get; set; } = 1;

    public DateTime UpdatedAt { get; set; }
}
