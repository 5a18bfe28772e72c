namespace CloudBroker.Api.Models;

/// <summary>
/// One entry of <c>GET /api/usage</c>: one meter of one instance over <c>[start, end)</c> (<c>end</c> null while it
/// runs), <c>quantity</c> units per hour (a decimal string), with what it is charged to and the tags in force.
/// </summary>
public sealed record UsageIntervalModel(
    string Id,
    string InstanceId,
    string Meter,
    string Quantity,
    DateTime Start,
    DateTime? End,
    string TenantId,
    string GroupId,
    string OwnerId,
    string ProviderId,
    string? RealmId,
    string HardwareProfileId,
    IReadOnlyDictionary<string, string> Tags);
