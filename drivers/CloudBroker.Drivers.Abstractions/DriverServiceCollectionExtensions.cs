using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CloudBroker.Drivers;

public static class DriverServiceCollectionExtensions
{
    /// <summary>Registers a driver plugin; providers configured with its name use it.</summary>
    public static IServiceCollection AddCloudDriver<TFactory>(this IServiceCollection services)
        where TFactory : class, ICloudDriverFactory
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICloudDriverFactory, TFactory>());
        return services;
    }
}
