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
    IReadOnlyList<string> AvailableRealms);
