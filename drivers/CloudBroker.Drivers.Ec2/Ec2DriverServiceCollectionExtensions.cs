using Microsoft.Extensions.DependencyInjection;

namespace CloudBroker.Drivers.Ec2;

public static class Ec2DriverServiceCollectionExtensions
{
    /// <summary>Registers the EC2 driver; providers configured with <c>Driver = ec2</c> use it.</summary>
    public static IServiceCollection AddEc2Driver(this IServiceCollection services) =>
        services.AddCloudDriver<Ec2DriverFactory>();
}
