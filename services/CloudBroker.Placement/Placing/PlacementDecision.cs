namespace CloudBroker.Placement.Placing;

/// <summary>
/// What the engine decided: every candidate the caller may use, the passing ones first, best first, then the standby
/// ones (private-first: public places refused only because a private one passed, best first), then the other refused
/// ones with the filter that refused them; and the names of the filters and weighers, in the order of the verdicts and
/// score parts.
/// </summary>
public sealed record PlacementDecision(
    IReadOnlyList<PlacementCandidate> Candidates, int PassingCount, int StandbyCount, IReadOnlyList<string> Filters, IReadOnlyList<string> Weighers)
{
    public IEnumerable<PlacementCandidate> Passing => Candidates.Take(PassingCount);

    /// <summary>Where the order goes when every passing place's claim refuses at the save (the private pools filled meanwhile).</summary>
    public IEnumerable<PlacementCandidate> Standby => Candidates.Skip(PassingCount).Take(StandbyCount);

    /// <summary>
    /// The places to try, best first, each with its passing rows in score order (the claim's candidates: the save counts
    /// the machine on the first with room), then the standby ones. A provider that takes a realm choice is one place per
    /// realm (the driver is told the realm, so the claim must be counted there); any other provider is one place, its
    /// realms its rows.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<PlacementCandidate>> ByPlace()
    {
        var order = new List<string>();
        var rows = new Dictionary<string, List<PlacementCandidate>>(StringComparer.Ordinal);
        foreach (var candidate in Passing.Concat(Standby))
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
