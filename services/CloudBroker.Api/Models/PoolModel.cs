namespace CloudBroker.Api.Models;

/// <summary>
/// A pool. <c>tenantIds</c> and <c>groupIds</c> are shown to the broker's admins only (others see <c>null</c>: who else
/// may use a pool is not theirs to know). <c>default</c>: the provider's own pool (its id is the provider's).
/// </summary>
public sealed record PoolModel(
    string Id,
    string ProviderId,
    bool Default,
    string? Description,
    IReadOnlyList<string> Realms,
    PoolPercentModel OvercommitPercent,
    PoolResourcesModel Headroom,
    int Priority,
    bool Enabled,
    bool OpenToAll,
    IReadOnlyList<string>? TenantIds,
    IReadOnlyList<string>? GroupIds,
    IReadOnlyList<DeclaredCapacityModel> Capacity,
    IReadOnlyList<PoolRealmModel> Inventory,
    DateTime CreatedAt,
    DateTime UpdatedAt);
