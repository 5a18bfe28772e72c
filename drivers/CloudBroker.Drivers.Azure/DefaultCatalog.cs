namespace CloudBroker.Drivers.Azure;

/// <summary>Sizes and images offered when a provider configures none: small general-purpose sizes, current LTS images.</summary>
internal static class DefaultCatalog
{
    public static IReadOnlyList<AzureVmSizeOptions> Sizes { get; } =
    [
        new() { Id = "Standard_B1s", Name = "B1s (1 vCPU, 1 GiB)", Cpu = 1, MemoryMiB = 1024 },
        new() { Id = "Standard_B2s", Name = "B2s (2 vCPU, 4 GiB)", Cpu = 2, MemoryMiB = 4096 },
        new() { Id = "Standard_D2s_v5", Name = "D2s v5 (2 vCPU, 8 GiB)", Cpu = 2, MemoryMiB = 8192 },
    ];

    public static IReadOnlyList<AzureImageOptions> Images { get; } =
    [
        new() { Id = "ubuntu-22-04", Name = "Ubuntu Server 22.04 LTS", Publisher = "Canonical", Offer = "0001-com-ubuntu-server-jammy", Sku = "22_04-lts-gen2" },
        new() { Id = "debian-12", Name = "Debian 12", Publisher = "Debian", Offer = "debian-12", Sku = "12-gen2" },
    ];
}
