namespace CloudBroker.Drivers;

/// <summary>A machine as the provider sees it now.</summary>
/// <param name="Id">The provider's own id for the machine.</param>
/// <param name="NativeState">The provider's state word, kept for diagnostics.</param>
/// <param name="Tags">Tags or metadata on the machine (the broker's installation and instance ids among them).</param>
public sealed record DriverInstance(
    string Id,
    string Name,
    string? RealmId,
    string? ImageId,
    string? HardwareProfileId,
    DriverInstanceState State,
    string NativeState,
    IReadOnlyList<string> Addresses,
    IReadOnlyDictionary<string, string> Tags);
