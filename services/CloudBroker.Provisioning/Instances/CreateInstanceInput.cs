namespace CloudBroker.Provisioning.Instances;

/// <summary>What a caller asks to create (the body of <c>POST /api/instances</c>).</summary>
public sealed record CreateInstanceInput(
    string? Name,
    string? ProviderId,
    string? ImageId,
    string? HardwareProfileId,
    string? RealmId,
    long? Cpu,
    long? MemoryMiB,
    long? StorageGiB,
    string? KeyId,
    string? UserData,
    IReadOnlyDictionary<string, string?>? Tags = null);
