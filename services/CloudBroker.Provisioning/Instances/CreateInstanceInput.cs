namespace CloudBroker.Provisioning.Instances;

/// <summary>
/// What a caller asks to create (the body of <c>POST /api/instances</c>): a provider with its image and profile, or no
/// provider and a broker <paramref name="Size"/> and <paramref name="ImageFamily"/>, placed by <see cref="IPlacement"/>
/// (optionally within <paramref name="PoolId"/>, under <paramref name="PlacementPolicy"/>, apart from the tenant's other
/// machines of <paramref name="AntiAffinityGroup"/>).
/// </summary>
public sealed record CreateInstanceInput(
    string? Name,
    string? ProviderId,
    string? ImageId,
    string? HardwareProfileId,
    string? RealmId,
    long? Cpu,
    long? MemoryMiB,
    long? StorageGiB,
    string? KeyId,
    string? UserData,
    IReadOnlyDictionary<string, string?>? Tags = null,
    string? Size = null,
    string? ImageFamily = null,
    string? PoolId = null,
    string? PlacementPolicy = null,
    string? AntiAffinityGroup = null,
    bool AntiAffinityRequired = false)
{
    /// <summary>Whether placement chooses the provider: none is named.</summary>
    public bool ByPlacement => ProviderId is null && (Size is not null || ImageFamily is not null);
}
