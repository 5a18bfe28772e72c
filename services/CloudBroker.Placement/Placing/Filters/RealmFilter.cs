namespace CloudBroker.Placement.Placing.Filters;

/// <summary>The pool and realm asked, when the order names them.</summary>
public sealed class RealmFilter : IPlacementFilter
{
    public string Name => "realm";

    public string? Refuses(PlacementOrder order, PlacementCandidate candidate) =>
        order.PoolId is not null && order.PoolId != candidate.Pool.Id ? $"pool '{order.PoolId}' was asked"
        : order.RealmId is not null && order.RealmId != candidate.RealmId ? $"realm '{order.RealmId}' was asked"
        : null;
}
