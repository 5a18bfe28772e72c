using CloudBroker.Api.Http.Limits;
using CloudBroker.Provisioning.Instances;

namespace CloudBroker.Api.Models;

/// <summary>
/// The body of <c>POST /api/placements/preview</c>: what a create by placement would ask (its <c>keyId</c> and
/// <c>userData</c> only say which capabilities the order needs; nothing is checked against them or stored).
/// </summary>
public sealed record PlacementPreviewRequest(
    [property: Text(63, TextKind.Label)] string? Size = null,
    [property: Text(63, TextKind.Label)] string? ImageFamily = null,
    [property: Text(63, TextKind.Label)] string? Pool = null,
    [property: Text(255)] string? RealmId = null,
    [property: Text(32)] string? PlacementPolicy = null,
    AntiAffinityModel? AntiAffinity = null,
    [property: Text(64)] string? GroupId = null,
    [property: Text(64)] string? KeyId = null,
    [property: Text(InstanceRequests.MaxUserDataBytes, TextKind.FreeText)] string? UserData = null);
