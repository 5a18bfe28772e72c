namespace CloudBroker.Drivers.Mock;

/// <summary>The mock cloud's fixed catalog: three realms (one unavailable), three images, three sizes.</summary>
internal static class MockCatalog
{
    public const string Architecture = "x86_64";

    public static IReadOnlyList<Realm> Realms { get; } =
    [
        new("eu-1a", "Europe 1, zone a", Available: true),
        new("eu-1b", "Europe 1, zone b", Available: true),
        new("us-1a", "US 1, zone a (closed)", Available: false),
    ];

    public static IReadOnlyList<Image> Images { get; } =
    [
        new("debian-12", "Debian 12", "Debian GNU/Linux 12 (bookworm)", Architecture),
        new("ubuntu-24-04", "Ubuntu 24.04", "Ubuntu 24.04 LTS (Noble Numbat)", Architecture),
        // An image that does not fit every size: a create must ask at least its minimum disk.
        new("fedora-41", "Fedora 41", "Fedora Linux 41 Cloud Edition", Architecture, MinStorageGiB: 20),
    ];

    private static IReadOnlyList<HardwareProfile> WithRanges { get; } =
    [
        new(
            "m1-small",
            "Small",
            Cpu: ProfileProperty.Fixed(1),
            MemoryMiB: ProfileProperty.Range(512, 8192, 512, 1024),
            StorageGiB: ProfileProperty.Enum([10, 20, 40], 10),
            Architecture),
        new(
            "m1-medium",
            "Medium",
            Cpu: ProfileProperty.Enum([1, 2, 4], 2),
            MemoryMiB: ProfileProperty.Range(1024, 16384, 1024, 4096),
            StorageGiB: ProfileProperty.Range(20, 200, 10, 40),
            Architecture),
        new(
            "m1-large",
            "Large",
            Cpu: ProfileProperty.Fixed(8),
            MemoryMiB: ProfileProperty.Fixed(32768),
            StorageGiB: ProfileProperty.Fixed(100),
            Architecture),
    ];

    private static IReadOnlyList<HardwareProfile> FixedOnly { get; } =
        [.. WithRanges.Select(p => p with
        {
            Cpu = ProfileProperty.Fixed(p.Cpu.Default),
            MemoryMiB = ProfileProperty.Fixed(p.MemoryMiB.Default),
            StorageGiB = ProfileProperty.Fixed(p.StorageGiB.Default),
        })];

    /// <summary>The sizes; a provider without <see cref="Capability.ProfileRanges"/> offers each at its defaults only.</summary>
    public static IReadOnlyList<HardwareProfile> Profiles(bool ranges) => ranges ? WithRanges : FixedOnly;
}
