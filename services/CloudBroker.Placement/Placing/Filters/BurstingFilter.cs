namespace CloudBroker.Placement.Placing.Filters;

/// <summary>
/// The placement policy, judged last and over the whole set: <c>private-only</c> refuses public pools;
/// <c>private-first</c> refuses them while a private candidate passes every other filter (so an order bursts to a public
/// cloud only when the private pools are full or refuse it); <c>cheapest</c> refuses nothing (the engine orders by price).
/// </summary>
public static class BurstingFilter
{
    public const string Name = "policy";

    public static string? Refuses(PlacementOrder order, PlacementCandidate candidate, bool privatePasses) =>
        !candidate.IsPublic ? null
        : order.Policy == PlacementPolicy.PrivateOnly ? "the placement policy is private-only and this is a public cloud"
        : order.Policy == PlacementPolicy.PrivateFirst && privatePasses ? "the placement policy is private-first and a private pool has room"
        : null;
}
