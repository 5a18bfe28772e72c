using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CloudBroker.Hosting.Tests;

/// <summary>A service provider run as a small "process": its hosted services started and stopped in order.</summary>
internal static class HostedServices
{
    public static async Task StartHostedAsync(this ServiceProvider process, CancellationToken cancellationToken)
    {
        foreach (var service in process.GetServices<IHostedService>())
        {
            await service.StartAsync(cancellationToken);
        }
    }

    public static async Task StopHostedAsync(this ServiceProvider process, CancellationToken cancellationToken)
    {
        foreach (var service in process.GetServices<IHostedService>())
        {
            await service.StopAsync(cancellationToken);
        }
    }
}
