using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CloudBroker.Provisioning.Providers;

/// <summary>Keeps the cached provider catalogs fresh (the first read happens at startup).</summary>
internal sealed class CatalogRefresher(ProviderRegistry registry, TimeProvider time, IOptions<ProvisioningOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CatalogRefreshInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await registry.RefreshCatalogsAsync(stoppingToken);
        }
    }
}
