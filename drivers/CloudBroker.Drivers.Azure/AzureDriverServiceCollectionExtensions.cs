using Microsoft.Extensions.DependencyInjection;

namespace CloudBroker.Drivers.Azure;

public static class AzureDriverServiceCollectionExtensions
{
    /// <summary>Registers the Azure driver; providers configured with <c>Driver = azure</c> use it.</summary>
    public static IServiceCollection AddAzureDriver(this IServiceCollection services) =>
        services.AddCloudDriver<AzureDriverFactory>();
}
