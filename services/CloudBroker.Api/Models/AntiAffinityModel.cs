using CloudBroker.Api.Http.Limits;

namespace CloudBroker.Api.Models;

/// <summary>
/// Machines of one tenant with the same <c>group</c> land on different realms (hosts, zones) when possible; with
/// <c>required</c>, an order that cannot is refused (409 no-valid-placement, <c>refusedBy: anti-affinity</c>).
/// </summary>
public sealed record AntiAffinityModel(
    [property: Text(63, TextKind.Label)] string? Group = null,
    bool? Required = null);
