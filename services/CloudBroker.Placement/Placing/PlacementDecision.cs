namespace CloudBroker.Placement.Placing;

/// <summary>
/// What the engine decided: every candidate the caller may use, the passing ones first, best first, then the refused
/// ones with the filter that refused them; and the names of the filters and weighers, in the order of the verdicts and
/// score parts.
/// </summary>
public sealed record PlacementDecision(IReadOnlyList<PlacementCandidate> Candidates, int PassingCount, IReadOnlyList<string> Filters, IReadOnlyList<string> Weighers)
{
    public IEnumerable<PlacementCandidate> Passing => Candidates.Take(PassingCount);

    /// <summary>
    /// The places to try, best first, each with its passing rows in score order (the claim's candidates: the save counts
    /// the machine on the first with room). A provider that takes a realm choice is one place per realm (the driver is
    /// told the realm, so the claim must be counted there); any other provider is one place, its realms its rows.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<PlacementCandidate>> ByPlace()
    {
        var order = new List<string>();
        var rows = new Dictionary<string, List<PlacementCandidate>>(StringComparer.Ordinal);
        foreach (var candidate in Passing)
        {
            var key = candidate.Provider!.Capabilities.Contains(Drivers.Capability.RealmChoice)
                ? PlacementOrder.PlaceKey(candidate.Pool.ProviderId, candidate.RealmId) : candidate.Pool.ProviderId;
            if (!rows.TryGetValue(key, out var list))
            {
                rows[key] = list = [];
                order.Add(key);
            }

            list.Add(candidate);
        }

        return [.. order.Select(p => (IReadOnlyList<PlacementCandidate>)rows[p])];
    }
}
