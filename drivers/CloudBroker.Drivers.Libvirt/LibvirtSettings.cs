namespace CloudBroker.Drivers.Libvirt;

/// <summary>A provider's validated settings.</summary>
/// <param name="Images">Configured images; <c>null</c> when images are read from the storage pool.</param>
internal sealed record LibvirtSettings(
    IReadOnlyList<RealmAddress> Realms,
    string DomainType,
    string StoragePool,
    string Network,
    TimeSpan StopGracePeriod,
    string VolumeFormat,
    IReadOnlyList<LibvirtImage>? Images,
    IReadOnlyList<HardwareProfile> Profiles);
