namespace CloudBroker.Drivers.Libvirt;

/// <summary>A configured base image (<c>Images:&lt;id&gt;:*</c>).</summary>
public sealed class LibvirtImageOptions
{
    /// <summary>The volume in the storage pool that instance disks are cloned from; none: an empty disk.</summary>
    public string? Volume { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    public string Architecture { get; set; } = "x86_64";

    /// <summary>
    /// The name of a boot image of configuration (<c>CloudBroker:Drivers:libvirt:BootImages:&lt;name&gt;:Kernel</c>,
    /// <c>…:Initrd</c>, <c>…:Cmdline</c>): direct kernel boot for a provider that may not name host files.
    /// </summary>
    public string? Boot { get; set; }

    /// <summary>A kernel on the host to boot directly (with <see cref="Initrd"/> and <see cref="Cmdline"/>; configuration only).</summary>
    public string? Kernel { get; set; }

    public string? Initrd { get; set; }

    public string? Cmdline { get; set; }
}
