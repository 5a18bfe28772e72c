using CloudBroker.Drivers;

namespace CloudBroker.Placement.Placing;

/// <summary>
/// An order to place, with everything about the caller the decision needs, read beforehand: no filter or weigher
/// reads a database or calls a provider.
/// </summary>
/// <param name="Images">The image family's mapping, provider id → image id.</param>
/// <param name="Capabilities">What the order uses that a provider must declare (an SSH key, user data…).</param>
/// <param name="PoolId">Only this pool, when asked.</param>
/// <param name="RealmId">Only this realm, when asked.</param>
/// <param name="Quota">The tenant, group and user scopes' room.</param>
/// <param name="ProviderQuota">Each provider scope's room (absent: unlimited).</param>
/// <param name="Occupied">Where the tenant's live machines of the order's anti-affinity group are: "provider/realm" → count.</param>
/// <param name="Price">The hourly price of a provider's profile at the values asked, for the caller's tenant (0: unpriced).</param>
public sealed record PlacementOrder(
    string TenantId,
    string? GroupId,
    long Cpu,
    long MemoryMiB,
    long StorageGiB,
    IReadOnlyDictionary<string, string> Images,
    IReadOnlyCollection<string> Capabilities,
    string? PoolId,
    string? RealmId,
    PlacementPolicy Policy,
    AntiAffinity? AntiAffinity,
    QuotaRoom Quota,
    IReadOnlyDictionary<string, QuotaRoom> ProviderQuota,
    IReadOnlyDictionary<string, int> Occupied,
    Func<string, HardwareProfile, long, long, long, decimal> Price)
{
    public static string PlaceKey(string providerId, string realmId) => providerId + "/" + realmId;
}

/// <summary>Machines of one tenant with the same group land on different realms: when possible, or else the order fails (<paramref name="Required"/>).</summary>
public sealed record AntiAffinity(string Group, bool Required);
