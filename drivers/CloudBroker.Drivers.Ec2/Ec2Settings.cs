namespace CloudBroker.Drivers.Ec2;

/// <summary>A provider's validated settings.</summary>
/// <param name="Credentials">
/// Static keys, or <c>null</c> for the SDK's default chain (environment, profile, instance role): configuration only,
/// since a provider defined through the API must carry its keys (<see cref="Ec2DriverFactory.ApiSettings"/>).
/// </param>
internal sealed record Ec2Settings(
    string Region,
    Uri? ServiceUrl,
    Ec2Credentials? Credentials,
    IReadOnlyList<HardwareProfile> Profiles,
    IReadOnlyList<string> ImageOwners,
    IReadOnlyDictionary<string, IReadOnlyList<string>> ImageFilters,
    string? SubnetId,
    IReadOnlyList<string> SecurityGroupIds,
    int MaxErrorRetry,
    TimeSpan RequestTimeout);
