using CloudBroker.Drivers;

namespace CloudBroker.Placement.Sizes;

/// <summary>The provider profile a size maps to, with the values it would be asked at, and its hourly price (0: no book prices it).</summary>
public sealed record SizeMatch(HardwareProfile Profile, long Cpu, long MemoryMiB, long StorageGiB, decimal HourlyPrice);
