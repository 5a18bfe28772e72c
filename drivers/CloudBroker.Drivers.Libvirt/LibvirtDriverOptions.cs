namespace CloudBroker.Drivers.Libvirt;

/// <summary>
/// Settings of one libvirt provider, bound from its section (<c>CloudBroker:Providers:&lt;id&gt;</c>); the table with
/// defaults is in the project's README. <c>Uris</c> (required) is read by <see cref="RealmAddressList"/>.
/// </summary>
public sealed class LibvirtDriverOptions
{
    /// <summary>The domain type: <c>kvm</c> on hosts with hardware virtualization, <c>qemu</c> (TCG) without.</summary>
    public string DomainType { get; set; } = "kvm";

    /// <summary>The storage pool holding image volumes and the instances' disks.</summary>
    public string StoragePool { get; set; } = "default";

    /// <summary>The virtual network every instance's NIC joins.</summary>
    public string Network { get; set; } = "default";

    /// <summary>How long a guest may take to shut down after a stop or a reboot before its domain is destroyed (and, for a reboot, started again).</summary>
    public TimeSpan StopGracePeriod { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Format of the empty disks made for images without a volume (clones keep their image's format).</summary>
    public string VolumeFormat { get; set; } = "qcow2";

    /// <summary>The SSH identity of configuration that ssh URIs sign in with (<see cref="LibvirtSshIdentity"/>).</summary>
    public string? SshIdentity { get; set; }

    /// <summary>Base images by id; when none are set, every volume of the pool but instance disks is an image.</summary>
    public Dictionary<string, LibvirtImageOptions> Images { get; set; } = [];

    /// <summary>Machine sizes by id; when none are set, <c>small</c> and <c>flex</c> (see README).</summary>
    public Dictionary<string, LibvirtProfileOptions> HardwareProfiles { get; set; } = [];
}
