namespace CloudBroker.Accounting.Metering;

/// <summary>
/// What the broker meters, each in units per hour of an instance's life (the quantity of a <see cref="UsageInterval"/>).
/// Compute meters run from entering <c>running</c> until <c>stopped</c>, <c>error</c>, <c>terminated</c> or
/// <c>vanished</c>; storage runs from the first allocation until <c>terminated</c> or <c>vanished</c>.
/// </summary>
public static class Meters
{
    /// <summary>Hours an instance runs (quantity 1).</summary>
    public const string InstanceHours = "instance-hours";

    /// <summary>Virtual CPU hours while running (quantity = vCPUs).</summary>
    public const string VcpuHours = "vcpu-hours";

    /// <summary>GiB-hours of memory while running (quantity = memory in GiB, fractional for MiB sizes).</summary>
    public const string MemoryGibHours = "memory-gib-hours";

    /// <summary>GiB-hours of disk from the first allocation until the disk is gone (quantity = disk in GiB).</summary>
    public const string StorageGibHours = "storage-gib-hours";

    public static readonly IReadOnlyList<string> All = [InstanceHours, VcpuHours, MemoryGibHours, StorageGibHours];
}
