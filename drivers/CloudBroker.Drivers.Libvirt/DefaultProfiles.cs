namespace CloudBroker.Drivers.Libvirt;

/// <summary>The sizes offered when a provider configures none (libvirt has no flavours of its own).</summary>
internal static class DefaultProfiles
{
    public static IReadOnlyList<HardwareProfile> All { get; } =
    [
        new("small", "Small", ProfileProperty.Fixed(1), ProfileProperty.Fixed(1024), ProfileProperty.Fixed(10), "x86_64"),
        new(
            "flex",
            "Flexible",
            Cpu: ProfileProperty.Range(1, 8, 1, 2),
            MemoryMiB: ProfileProperty.Range(512, 16384, 512, 2048),
            StorageGiB: ProfileProperty.Range(10, 200, 10, 20),
            "x86_64"),
    ];
}
