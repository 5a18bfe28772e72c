namespace CloudBroker.Drivers;

/// <summary>What one realm holds in all: vCPUs, memory and storage (<c>null</c>: the provider cannot say that one).</summary>
public sealed record RealmCapacity(string RealmId, long? Cpu, long? MemoryMiB, long? StorageGiB);
