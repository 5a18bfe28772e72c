namespace CloudBroker.Placement.Decisions;

/// <summary>
/// A decision as the caller may read it: the policy, the chosen place, and the candidates (pools the caller may use, one
/// realm each) with every filter's verdict and each weigher's part of the score. The preview's answer, the
/// no-valid-placement problem's list and, stored, why an instance is where it is.
/// </summary>
public sealed record PlacementExplanation(
    string Policy,
    string? AntiAffinityGroup,
    bool AntiAffinityRequired,
    PlacedAt? Chosen,
    IReadOnlyList<string> Filters,
    IReadOnlyList<string> Weighers,
    IReadOnlyList<CandidateExplanation> Candidates,
    int CandidateCount,
    DateTime DecidedAt);

/// <summary>Where a machine goes (or went): the pool, its provider, the realm, the provider's image and profile.</summary>
public sealed record PlacedAt(string PoolId, string ProviderId, string RealmId, string ImageId, string HardwareProfileId, long Cpu, long MemoryMiB, long StorageGiB);

/// <summary>One candidate: passed or the first filter that refused it; with explain, every filter; its score and parts when it passed.</summary>
/// <param name="Rank">1 for the best of the passing ones; <c>null</c> when refused.</param>
/// <param name="HourlyPrice">The size's profile on the provider, for the caller's tenant (<c>null</c>: no profile fits, or no book prices it).</param>
public sealed record CandidateExplanation(
    string PoolId,
    string ProviderId,
    string RealmId,
    string Cloud,
    bool Passed,
    int? Rank,
    string? RefusedBy,
    string? Reason,
    IReadOnlyList<FilterExplanation>? Filters,
    IReadOnlyDictionary<string, double>? Scores,
    double? Score,
    string? HardwareProfileId,
    decimal? HourlyPrice);

public sealed record FilterExplanation(string Filter, bool Passed, string? Reason);
