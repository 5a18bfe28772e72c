namespace CloudBroker.Drivers.Libvirt;

/// <summary>A configured hardware profile (<c>HardwareProfiles:&lt;id&gt;:*</c>); sizes use <see cref="ProfileSyntax"/>.</summary>
public sealed class LibvirtProfileOptions
{
    public string? Name { get; set; }

    public string? Cpu { get; set; }

    public string? MemoryMiB { get; set; }

    public string? StorageGiB { get; set; }

    public string Architecture { get; set; } = "x86_64";
}
