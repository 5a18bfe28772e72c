using CloudBroker.Drivers;
using CloudBroker.Provisioning.Providers;

namespace CloudBroker.Placement.Placing;

/// <summary>
/// What placement knows of a provider at a decision, all in memory: its capabilities, health (the one model:
/// <see cref="Provider.Status"/>), whether its driver declares a public cloud, the share of its recent calls that failed
/// (the health board's window) and its cached catalog.
/// </summary>
public sealed record ProviderView(
    string Id,
    IReadOnlySet<string> Capabilities,
    ProviderStatus Status,
    bool IsPublic,
    double FailureRate,
    IReadOnlyList<HardwareProfile> Profiles,
    IReadOnlyList<Image> Images,
    IReadOnlyList<string> AvailableRealms)
{
    private Dictionary<string, int>? _positions;

    /// <summary>Each available realm's place in <see cref="AvailableRealms"/>, made once per snapshot (the engine asks per pool).</summary>
    public IReadOnlyDictionary<string, int> RealmPositions =>
        _positions ??= AvailableRealms.Select((realm, i) => (realm, i)).ToDictionary(p => p.realm, p => p.i, StringComparer.Ordinal);
}
