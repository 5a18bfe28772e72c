namespace CloudBroker.Drivers.Ec2;

/// <summary>The hardware profiles a provider offers when it configures no <c>InstanceTypes</c>.</summary>
internal static class Ec2DefaultInstanceTypes
{
    public static IReadOnlyList<HardwareProfile> All { get; } =
    [
        Profile("t3.micro", 2, 1024),
        Profile("t3.small", 2, 2048),
        Profile("m5.large", 2, 8192),
    ];

    public static HardwareProfile Profile(string id, int cpu, int memoryMiB, int storageGiB = 8, string architecture = "x86_64") =>
        new(id, id, ProfileProperty.Fixed(cpu), ProfileProperty.Fixed(memoryMiB), ProfileProperty.Fixed(storageGiB), architecture);
}
