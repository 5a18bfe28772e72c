namespace CloudBroker.Placement.Placing;

/// <summary>
/// What the order's quotas still allow (limit − used − reserved; <c>null</c>: no limit), read without reserving: the
/// tightest of the tenant, group and user scopes, and per provider its own scope. The exact check is the reservation at
/// the save; this one only keeps placement from choosing a provider the save would refuse.
/// </summary>
public sealed record QuotaRoom(long? Instances, long? Cpu, long? MemoryMiB, long? StorageGiB)
{
    public static QuotaRoom Unlimited { get; } = new(null, null, null, null);

    /// <summary>The first resource the order does not fit in, or <c>null</c>.</summary>
    public string? Refuses(long cpu, long memoryMiB, long storageGiB) =>
        Instances < 1 ? "instances" : Cpu < cpu ? "cpu" : MemoryMiB < memoryMiB ? "memoryMiB" : StorageGiB < storageGiB ? "storageGiB" : null;
}
