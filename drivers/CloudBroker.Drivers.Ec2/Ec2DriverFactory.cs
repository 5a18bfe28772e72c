using Microsoft.Extensions.Logging;

namespace CloudBroker.Drivers.Ec2;

/// <summary>Makes EC2 drivers: one AWS account and region per provider, on AWSSDK.EC2. Settings: docs/providers-ec2.md.</summary>
public sealed class Ec2DriverFactory : ICloudDriverFactory
{
    public const string DriverName = "ec2";

    public string Name => DriverName;

    /// <summary>
    /// EC2's default request-rate buckets per account and region: RunInstances 5 at once and 2 a second; other
    /// mutating calls 50 and 5 a second; Describe calls 100 and 20 a second. Accounts with raised limits override
    /// them with <c>Pacing:&lt;kind&gt;</c>.
    /// </summary>
    public IReadOnlyDictionary<ProviderCallKind, RequestBudget> DefaultPacing { get; } = new Dictionary<ProviderCallKind, RequestBudget>
    {
        [ProviderCallKind.Create] = new(RequestsPerSecond: 2, Burst: 5),
        [ProviderCallKind.Change] = new(RequestsPerSecond: 5, Burst: 50),
        [ProviderCallKind.Read] = new(RequestsPerSecond: 20, Burst: 100),
    };

    /// <summary>
    /// Every EC2 setting names only things at AWS, so an API provider may carry each; the region and
    /// <c>ServiceUrl</c> decide where the signed requests go. Its access key is required: without one the SDK's default
    /// chain would hand it the broker host's own AWS credentials (environment, profile, instance role).
    /// </summary>
    public ApiSettingsPolicy ApiSettings { get; } = new(
    [
        new("Region", DecidesEndpoint: true, Check: Ec2SettingsLoader.JudgeRegion),
        new("ServiceUrl", DecidesEndpoint: true, Check: url => SettingVerdict.OfUrl(url, "https", "http")),
        new("SubnetId"), new("SecurityGroupIds"), new("SecurityGroupIds:*"), new("ImageOwners"), new("ImageOwners:*"), new("ImageFilters:*"),
        new("InstanceTypes:*:Id"), new("InstanceTypes:*:Cpu"), new("InstanceTypes:*:MemoryMiB"), new("InstanceTypes:*:StorageGiB"),
        new("InstanceTypes:*:Architecture"), new("MaxErrorRetry"), new("RequestTimeout"),
    ],
    requiredCredentials: ["AccessKeyId", "SecretAccessKey"]);

    /// <summary>Opens the driver; nothing is called at EC2 until the first verb. Invalid settings throw
    /// <see cref="DriverErrorKind.Unavailable"/> naming each bad setting.</summary>
    public ICloudDriver Create(ProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ApiSettings.Enforce(context, DriverName);
        var settings = Ec2SettingsLoader.Load(context.Settings, context.ProviderId);
        var logger = context.LoggerFactory.CreateLogger(typeof(Ec2Driver).FullName!);
        var client = Ec2ClientFactory.Create(context.ProviderId, settings, context.Endpoints);
        var endpoint = settings.ServiceUrl?.ToString() ?? "the region's endpoint";
        var credentials = settings.Credentials is null ? "the default AWS credential chain" : "the provider's static credentials";
        Ec2Log.Opened(logger, context.ProviderId, settings.Region, endpoint, credentials);
        return new Ec2Driver(context.ProviderId, settings, client, logger);
    }

    /// <summary>The endpoint, region and access key (<see cref="Ec2Endpoints"/>); nothing is called at EC2.</summary>
    public ProviderEndpoint DescribeEndpoint(ProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Ec2Endpoints.Of(Ec2SettingsLoader.Load(context.Settings, context.ProviderId));
    }

    /// <summary>An EC2 account's machines are Amazon's, in the configured region.</summary>
    public ProviderBilling DescribeBilling(ProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ProviderBilling("Amazon Web Services", Ec2SettingsLoader.Load(context.Settings, context.ProviderId).Region);
    }
}
