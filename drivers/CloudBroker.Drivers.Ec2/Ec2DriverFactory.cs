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

    /// <summary>Opens the driver; nothing is called at EC2 until the first verb. Invalid settings throw
    /// <see cref="DriverErrorKind.Unavailable"/> naming each bad setting.</summary>
    public ICloudDriver Create(ProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = Ec2SettingsLoader.Load(context.Settings, context.ProviderId);
        var logger = context.LoggerFactory.CreateLogger(typeof(Ec2Driver).FullName!);
        var client = Ec2ClientFactory.Create(settings);
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
}
