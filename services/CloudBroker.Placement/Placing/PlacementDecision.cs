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
    /// The providers to try, best first, each with its passing realms in score order (the claim's candidates: the save
    /// counts the machine on the first with room).
    /// </summary>
    public IReadOnlyList<IReadOnlyList<PlacementCandidate>> ByProvider()
    {
        var order = new List<string>();
        var rows = new Dictionary<string, List<PlacementCandidate>>(StringComparer.Ordinal);
        foreach (var candidate in Passing)
        {
            if (!rows.TryGetValue(candidate.Pool.ProviderId, out var list))
            {
                rows[candidate.Pool.ProviderId] = list = [];
                order.Add(candidate.Pool.ProviderId);
            }

            list.Add(candidate);
        }

        return [.. order.Select(p => (IReadOnlyList<PlacementCandidate>)rows[p])];
    }
}
