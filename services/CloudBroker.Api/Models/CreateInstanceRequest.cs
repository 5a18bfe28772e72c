using CloudBroker.Api.Http.Limits;
using CloudBroker.Provisioning.Instances;

namespace CloudBroker.Api.Models;

/// <summary>
/// The body of <c>POST /api/instances</c>. <c>cpu</c>, <c>memoryMiB</c> and <c>storageGiB</c> default to
/// the profile's defaults and must lie within it; <c>keyId</c> and <c>userData</c> need the provider's capability;
/// <c>groupId</c> (one of the caller's groups, default its default group) is charged for quota and cost; <c>tags</c>
/// are free key/value pairs (<see cref="InstanceTags"/>: at most 50, keys of 1-128 characters, values of at most 256,
/// keys starting with <c>cloudbroker:</c> reserved) that usage carries. With no <c>providerId</c>, <c>size</c> and
/// <c>imageFamily</c> (broker names) order a machine the broker places (docs/placement.md): optionally within <c>pool</c>
/// and <c>realmId</c>, under <c>placementPolicy</c> (default: the tenant's), apart from the tenant's other machines of
/// <c>antiAffinity.group</c> (when possible, or refused when <c>antiAffinity.required</c>).
/// </summary>
public sealed record CreateInstanceRequest(
    [property: Text(63, TextKind.Label)] string? Name,
    [property: Text(63, TextKind.Label)] string? ProviderId,
    [property: Text(255)] string? ImageId,
    [property: Text(255)] string? HardwareProfileId,
    [property: Text(255)] string? RealmId = null,
    [property: WholeNumber] long? Cpu = null,
    [property: WholeNumber] long? MemoryMiB = null,
    [property: WholeNumber] long? StorageGiB = null,
    [property: Text(64)] string? KeyId = null,
    [property: Text(InstanceRequests.MaxUserDataBytes, TextKind.FreeText)] string? UserData = null,
    [property: Text(64)] string? GroupId = null,
    [property: Text(InstanceTags.MaxValueLength, MaxItems = InstanceTags.MaxCount, MaxKeyLength = InstanceTags.MaxKeyLength, KeyPattern = InstanceTags.KeyExpression)]
    Dictionary<string, string?>? Tags = null,
    [property: Text(63, TextKind.Label)] string? Size = null,
    [property: Text(63, TextKind.Label)] string? ImageFamily = null,
    [property: Text(63, TextKind.Label)] string? Pool = null,
    [property: Text(32)] string? PlacementPolicy = null,
    AntiAffinityModel? AntiAffinity = null);
