using Microsoft.Extensions.DependencyInjection;

namespace CloudBroker.Drivers.Libvirt;

public static class LibvirtDriverServiceCollectionExtensions
{
    /// <summary>Registers the libvirt driver; providers configured with <c>Driver = libvirt</c> use it.</summary>
    public static IServiceCollection AddLibvirtDriver(this IServiceCollection services) =>
        services.AddCloudDriver<LibvirtDriverFactory>();
}
