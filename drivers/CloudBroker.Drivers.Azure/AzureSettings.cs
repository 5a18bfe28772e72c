namespace CloudBroker.Drivers.Azure;

/// <summary>A provider's checked settings.</summary>
internal sealed record AzureSettings(
    string SubscriptionId,
    string ResourceGroup,
    string Location,
    IReadOnlyList<string> Zones,
    string SubnetId,
    string AdminUsername,
    string? AdminSshPublicKey,
    IReadOnlyList<HardwareProfile> Sizes,
    IReadOnlyList<AzureImage> Images,
    AzureCredentials Credentials,
    Uri Endpoint,
    string Audience,
    Uri AuthorityHost,
    string? TrustedCertificateFile,
    TimeSpan RequestTimeout);
