namespace CloudBroker.Drivers;

/// <summary>What the broker asks a driver to make. Values are already validated against the catalog.</summary>
/// <param name="IdempotencyToken">Derived from the broker operation: a retried create with it must not make a second machine.</param>
/// <param name="InstanceId">The broker's instance id (a UUID), for drivers that can use it as the native id.</param>
/// <param name="Tags">Broker tags to stamp on the machine and list with it ever after (installation, provider and instance ids; <see cref="BrokerTags"/>).</param>
public sealed record InstanceSpec(
    string IdempotencyToken,
    string InstanceId,
    string Name,
    string ImageId,
    string HardwareProfileId,
    string? RealmId,
    int Cpu,
    int MemoryMiB,
    int StorageGiB,
    SshPublicKey? SshKey,
    string? UserData,
    IReadOnlyDictionary<string, string> Tags);
