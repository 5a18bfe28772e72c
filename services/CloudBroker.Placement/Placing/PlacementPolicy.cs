namespace CloudBroker.Placement.Placing;

/// <summary>
/// Where an order may burst: only private pools, private first (public ones only when no private one passes every other
/// filter), or wherever is cheapest. Private or public is the driver's declaration (<see cref="ProviderView.IsPublic"/>).
/// </summary>
public enum PlacementPolicy
{
    PrivateFirst,
    PrivateOnly,
    Cheapest,
}

/// <summary>The policies' wire names (<c>private-first</c>, <c>private-only</c>, <c>cheapest</c>).</summary>
public static class PlacementPolicies
{
    public const PlacementPolicy Default = PlacementPolicy.PrivateFirst;

    public static IReadOnlyList<string> Names { get; } = ["private-first", "private-only", "cheapest"];

    public static string Wire(this PlacementPolicy policy) => Names[(int)policy];

    public static PlacementPolicy? Parse(string? name) => Names.IndexOf(name ?? "") is var i and >= 0 ? (PlacementPolicy)i : null;

    private static int IndexOf(this IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
