namespace CloudBroker.Drivers;

/// <summary>A machine size; each numeric property is fixed, a range or an enum, as in Deltacloud.</summary>
public sealed record HardwareProfile(
    string Id,
    string Name,
    ProfileProperty Cpu,
    ProfileProperty MemoryMiB,
    ProfileProperty StorageGiB,
    string Architecture);
