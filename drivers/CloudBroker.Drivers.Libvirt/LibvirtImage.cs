namespace CloudBroker.Drivers.Libvirt;

/// <summary>An image as the driver uses it: where its disk comes from and how it boots.</summary>
/// <param name="Volume">The pool volume to clone; <c>null</c> for an empty disk.</param>
internal sealed record LibvirtImage(
    string Id,
    string Name,
    string Description,
    string Architecture,
    string? Volume,
    string? Kernel = null,
    string? Initrd = null,
    string? Cmdline = null)
{
    public Image ToImage(int minStorageGiB) => new(Id, Name, Description, Architecture, minStorageGiB);
}
