using CloudBroker.Drivers;

namespace CloudBroker.Provisioning.Providers;

/// <summary>A provider's realms, images and hardware profiles as last read, so requests never wait on a provider.</summary>
public sealed record ProviderCatalog(
    IReadOnlyList<Realm> Realms,
    IReadOnlyList<Image> Images,
    IReadOnlyList<HardwareProfile> HardwareProfiles,
    DateTime RefreshedAt)
{
    public static ProviderCatalog Empty { get; } = new([], [], [], DateTime.MinValue);
}
