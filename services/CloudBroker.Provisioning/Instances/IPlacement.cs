using CloudBroker.Persistence;

namespace CloudBroker.Provisioning.Instances;

/// <summary>
/// Chooses where a create that names no provider goes (Placement implements it): the providers to try, best first,
/// each with the image, profile and realm the machine would have there and the realms its capacity claim may be counted
/// on. It reads the caller's quotas and pools without reserving or locking anything; the claim at the save is exact.
/// Nothing fits → 409 no-valid-placement, listing the candidates the caller may use and what refused each.
/// </summary>
public interface IPlacement
{
    Task<IReadOnlyList<PlacementChoice>> PlaceAsync(BrokerDbContext db, PlacementAsk ask, CancellationToken cancellationToken);
}

/// <summary>An order by size and image family, with the optional constraints and the caller it is for.</summary>
/// <param name="Policy">The placement policy's wire name; <c>null</c>: the tenant's own, else the default.</param>
public sealed record PlacementAsk(
    string TenantId,
    string GroupId,
    string OwnerId,
    string Size,
    string ImageFamily,
    string? PoolId,
    string? RealmId,
    string? Policy,
    string? AntiAffinityGroup,
    bool AntiAffinityRequired,
    IReadOnlyCollection<string> Capabilities);

/// <summary>One provider to try, and what the machine would be there.</summary>
/// <param name="RealmId">The realm to create it in (the best of <paramref name="Rows"/>); <c>null</c> when the provider cannot be told one.</param>
/// <param name="Rows">The inventory rows the claim may be counted on, best first: (pool, realm).</param>
/// <param name="AntiAffinityGroup">The order's anti-affinity group, recorded with the decision (the next order of the group reads where it went).</param>
/// <param name="Explanation">Why it was chosen (JSON), stored with the instance in the accepting transaction.</param>
public sealed record PlacementChoice(
    string ProviderId,
    string ImageId,
    string HardwareProfileId,
    long Cpu,
    long MemoryMiB,
    long StorageGiB,
    string? RealmId,
    IReadOnlyList<(string PoolId, string RealmId)> Rows,
    string? AntiAffinityGroup,
    string Explanation);
