using Microsoft.Extensions.DependencyInjection;

namespace CloudBroker.Drivers.Mock;

public static class MockDriverServiceCollectionExtensions
{
    /// <summary>Registers the mock driver; providers configured with <c>Driver = mock</c> use it.</summary>
    public static IServiceCollection AddMockDriver(this IServiceCollection services) =>
        services.AddCloudDriver<MockDriverFactory>();
}
