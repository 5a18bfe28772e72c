using Microsoft.Extensions.Logging;

namespace CloudBroker.Drivers.Ec2;

/// <summary>Makes EC2 drivers: one AWS account and region per provider, on AWSSDK.EC2. Settings: docs/providers-ec2.md.</summary>
public sealed class Ec2DriverFactory : ICloudDriverFactory
{
    public const string DriverName = "ec2";

    public string Name => DriverName;

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
}
