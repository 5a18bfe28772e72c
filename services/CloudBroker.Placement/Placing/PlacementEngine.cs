using CloudBroker.Drivers;
using CloudBroker.Placement.Placing.Filters;
using CloudBroker.Placement.Placing.Weighers;
using CloudBroker.Placement.Pools;
using CloudBroker.Placement.Sizes;

namespace CloudBroker.Placement.Placing;

/// <summary>
/// The decision, a pure function of an order and an in-memory snapshot (no database, no provider): the candidates are
/// the realms of the pools the caller may draw from (<see cref="PoolAdmission.MayDrawFrom"/>, the one rule), each
/// judged by the filters, then the placement policy over the set (<see cref="BurstingFilter"/>); the passing ones are
/// weighed (each weigher normalised to 0..1 over them, times its multiplier) and ranked. Deciding stops at a candidate's
/// first refusal; explaining runs every filter on every candidate.
/// </summary>
public sealed class PlacementEngine(IReadOnlyList<IPlacementFilter> filters, IReadOnlyList<(IPlacementWeigher Weigher, double Multiplier)> weighers)
{
    public IReadOnlyList<IPlacementFilter> Filters { get; } = filters;

    public IReadOnlyList<(IPlacementWeigher Weigher, double Multiplier)> Weighers { get; } = weighers;

    /// <summary>The engine with every filter and weigher, multipliers and spread or pack from <paramref name="options"/>.</summary>
    public static PlacementEngine From(PlacementOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var weights = options.Weights;
        return new PlacementEngine(
            [new HealthFilter(), new RealmFilter(), new CapabilityFilter(), new ImageFilter(), new SizeFilter(), new QuotaFilter(), new AntiAffinityFilter(), new CapacityFilter()],
            [(new PriorityWeigher(), weights.Priority), (new PriceWeigher(), weights.Price), (new SpreadWeigher(options.Pack), weights.Spread),
             (new FailureWeigher(), weights.Failures), (new AntiAffinityWeigher(), weights.AntiAffinity)]);
    }

    public PlacementDecision Decide(PlacementOrder order, PlacementSnapshot snapshot, bool explain = false)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(snapshot);
        var candidates = CandidatesOf(order, snapshot);
        var privatePasses = false;
        foreach (var candidate in candidates)
        {
            Judge(order, candidate, explain);
            privatePasses |= candidate.Passed && !candidate.IsPublic;
        }

        var passing = new List<PlacementCandidate>(candidates.Count);
        foreach (var candidate in candidates)
        {
            var policy = candidate.Refusal is null || explain ? BurstingFilter.Refuses(order, candidate, privatePasses) : null;
            candidate.Verdicts?.Add(new FilterVerdict(BurstingFilter.Name, policy is null, policy));
            if (policy is not null && candidate.Refusal is null)
            {
                candidate.Refusal = new FilterVerdict(BurstingFilter.Name, false, policy);
            }

            if (candidate.Passed)
            {
                passing.Add(candidate);
            }
        }

        Weigh(order, passing);
        passing.Sort(order.Policy == PlacementPolicy.Cheapest ? CheapestFirst : Best);

        // private-first: the public places refused only because a private one passes are where the order goes if the
        // private claims all refuse at the save (full meanwhile), ranked among themselves.
        var standby = order.Policy == PlacementPolicy.PrivateFirst ? candidates.Where(c => c.Refusal?.Filter == BurstingFilter.Name).ToList() : [];
        Weigh(order, standby);
        standby.Sort(Best);
        var ranked = new List<PlacementCandidate>(candidates.Count);
        ranked.AddRange(passing);
        ranked.AddRange(standby);
        ranked.AddRange(candidates.Where(c => !c.Passed && !(standby.Count > 0 && c.Refusal!.Filter == BurstingFilter.Name)));
        return new PlacementDecision(ranked, passing.Count, standby.Count, [.. Filters.Select(f => f.Name), BurstingFilter.Name], [.. Weighers.Select(w => w.Weigher.Name)]);
    }

    /// <summary>Every realm of every pool the caller may draw from; the size and image resolved once per provider.</summary>
    private static List<PlacementCandidate> CandidatesOf(PlacementOrder order, PlacementSnapshot snapshot)
    {
        var resolved = new Dictionary<string, (SizeMatch? Match, Image? Image)>(StringComparer.Ordinal);
        var candidates = new List<PlacementCandidate>();
        foreach (var pool in snapshot.Pools)
        {
            if (!PoolAdmission.MayDrawFrom(pool, order.TenantId, order.GroupId))
            {
                continue;
            }

            var provider = snapshot.Providers.GetValueOrDefault(pool.ProviderId);
            if (!resolved.TryGetValue(pool.ProviderId, out var atProvider))
            {
                atProvider = provider is null ? default : Resolve(order, provider);
                resolved[pool.ProviderId] = atProvider;
            }

            foreach (var realm in PoolAdmission.RealmsOf(pool, null, provider?.AvailableRealms ?? [], provider?.RealmPositions))
            {
                candidates.Add(new PlacementCandidate(pool, provider, realm, snapshot.RowOf(pool.Id, realm),
                    atProvider.Match, atProvider.Image));
            }
        }

        return candidates;
    }

    private static (SizeMatch?, Image?) Resolve(PlacementOrder order, ProviderView provider)
    {
        var match = SizeMatching.Best(order.Cpu, order.MemoryMiB, order.StorageGiB, provider.Profiles,
            (profile, cpu, memory, storage) => order.Price(provider.Id, profile, cpu, memory, storage));
        var image = order.Images.TryGetValue(provider.Id, out var imageId) ? provider.Images.FirstOrDefault(i => i.Id == imageId) : null;
        return (match, image);
    }

    private void Judge(PlacementOrder order, PlacementCandidate candidate, bool explain)
    {
        candidate.Verdicts = explain ? new List<FilterVerdict>(Filters.Count + 1) : null;
        foreach (var filter in Filters)
        {
            var reason = filter.Refuses(order, candidate);
            var verdict = reason is null ? null : new FilterVerdict(filter.Name, false, reason);
            candidate.Verdicts?.Add(verdict ?? new FilterVerdict(filter.Name, true, null));
            if (verdict is not null)
            {
                candidate.Refusal ??= verdict;
                if (!explain)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Each weigher's raw values normalised over the candidates (min → 0, max → 1; all equal → 0), times its multiplier.</summary>
    private void Weigh(PlacementOrder order, List<PlacementCandidate> passing)
    {
        var raw = new double[passing.Count];
        foreach (var candidate in passing)
        {
            candidate.Parts = new double[Weighers.Count];
        }

        for (var w = 0; w < Weighers.Count; w++)
        {
            var (weigher, multiplier) = Weighers[w];
            double min = double.MaxValue, max = double.MinValue;
            for (var i = 0; i < passing.Count; i++)
            {
                raw[i] = weigher.Raw(order, passing[i]);
                if (double.IsFinite(raw[i]))
                {
                    min = Math.Min(min, raw[i]);
                    max = Math.Max(max, raw[i]);
                }
            }

            for (var i = 0; i < passing.Count; i++)
            {
                var normalised = max > min && double.IsFinite(raw[i]) ? (raw[i] - min) / (max - min) : 0;
                passing[i].Parts[w] = normalised * multiplier;
                passing[i].Score += passing[i].Parts[w];
            }
        }
    }

    private static int Best(PlacementCandidate a, PlacementCandidate b)
    {
        var byScore = b.Score.CompareTo(a.Score);
        if (byScore != 0)
        {
            return byScore;
        }

        var byPriority = b.Pool.Priority.CompareTo(a.Pool.Priority);
        return byPriority != 0 ? byPriority
            : string.CompareOrdinal(a.Pool.Id, b.Pool.Id) is var byPool and not 0 ? byPool
            : string.CompareOrdinal(a.RealmId, b.RealmId);
    }

    /// <summary><c>cheapest</c>: the hourly price first (an unpriced profile last), then the score.</summary>
    private static int CheapestFirst(PlacementCandidate a, PlacementCandidate b)
    {
        var (pa, pb) = (PriceOf(a), PriceOf(b));
        return pa != pb ? pa.CompareTo(pb) : Best(a, b);
    }

    private static decimal PriceOf(PlacementCandidate candidate) => candidate.Match is { HourlyPrice: > 0 } match ? match.HourlyPrice : decimal.MaxValue;
}
