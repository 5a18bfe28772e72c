namespace CloudBroker.Drivers.Libvirt.Xml;

/// <summary>Everything that goes into an instance's domain definition.</summary>
/// <param name="DiskFormat">The volume's format, for the disk's qemu driver (qemu must not guess it).</param>
internal sealed record DomainPlan(
    string DomainType,
    Guid Uuid,
    string Title,
    DomainIdentity Identity,
    int MemoryMiB,
    int Vcpus,
    LibvirtImage Image,
    string StoragePool,
    string Volume,
    string DiskFormat,
    string Network);
