namespace CloudBroker.Api.Models;

/// <summary>
/// An instance as the wire contract shapes it; <c>actions</c> lists what it allows now; <c>vanishedAt</c> is when
/// the reconciler noticed its machine was gone (state <c>vanished</c>), else <c>null</c>; <c>tags</c> in key order.
/// </summary>
public sealed record InstanceModel(
    string Id,
    string Name,
    string ProviderId,
    string? RealmId,
    string ImageId,
    string HardwareProfileId,
    int Cpu,
    int MemoryMiB,
    int StorageGiB,
    string State,
    IReadOnlyList<string> Actions,
    IReadOnlyList<string> Addresses,
    string? KeyId,
    string TenantId,
    string OwnerId,
    string GroupId,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? VanishedAt,
    IReadOnlyDictionary<string, string> Tags);
