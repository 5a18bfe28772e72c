using CloudBroker.Api.Http.Limits;

namespace CloudBroker.Api.Models;

/// <summary>
/// The body of <c>POST /api/pools</c> (with <c>id</c> and <c>providerId</c>) and <c>PUT /api/pools/{id}</c> (the whole pool
/// but those two). <c>overcommitPercent</c> per resource, 100 (none) by default: 200 lets memory be allocated twice over
/// (KSM); <c>headroom</c> is kept back per realm.
/// </summary>
public sealed record PoolRequest(
    [property: Text(63, TextKind.Label)] string? Id = null,
    [property: Text(64)] string? ProviderId = null,
    [property: Text(1024)] string? Description = null,
    [property: Text(128, MaxItems = 100)] IReadOnlyList<string>? Realms = null,
    PoolPercentModel? OvercommitPercent = null,
    PoolResourcesModel? Headroom = null,
    [property: WholeNumber(Min = -1000, Max = 1000)] long? Priority = null,
    bool? Enabled = null,
    bool? OpenToAll = null,
    [property: Text(64, MaxItems = 1000)] IReadOnlyList<string>? TenantIds = null,
    [property: Text(64, MaxItems = 1000)] IReadOnlyList<string>? GroupIds = null,
    [property: Items(100)] IReadOnlyList<DeclaredCapacityModel>? Capacity = null);
