namespace CloudBroker.Api.Models;

/// <summary>
/// The body of <c>POST /api/instances</c>. <c>cpu</c>, <c>memoryMiB</c> and <c>storageGiB</c> default to
/// the profile's defaults and must lie within it; <c>keyId</c> and <c>userData</c> need the provider's capability;
/// <c>groupId</c> (one of the caller's groups, default its default group) is charged for quota and cost.
/// </summary>
public sealed record CreateInstanceRequest(
    string? Name,
    string? ProviderId,
    string? ImageId,
    string? HardwareProfileId,
    string? RealmId = null,
    long? Cpu = null,
    long? MemoryMiB = null,
    long? StorageGiB = null,
    string? KeyId = null,
    string? UserData = null,
    string? GroupId = null);
