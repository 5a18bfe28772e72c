namespace CloudBroker.Placement.Pools;

/// <summary>What an admin says a realm of a pool holds, for a provider that cannot say (<c>null</c>: unlimited).</summary>
public sealed record DeclaredCapacity(string RealmId, long? Cpu, long? MemoryMiB, long? StorageGiB);
