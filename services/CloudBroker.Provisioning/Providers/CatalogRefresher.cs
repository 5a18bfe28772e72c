using CloudBroker.Persistence.Background;
using CloudBroker.Persistence.Transient;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudBroker.Provisioning.Providers;

/// <summary>Keeps the cached provider catalogs fresh (the first read happens at startup).</summary>
internal sealed class CatalogRefresher(
    ProviderRegistry registry,
    TimeProvider time,
    TransientDatabaseErrors databaseErrors,
    IOptions<ProvisioningOptions> options,
    ILogger<CatalogRefresher> logger) : PeriodicWork(time, databaseErrors, logger)
{
    protected override TimeSpan Interval => options.Value.CatalogRefreshInterval;

    protected override async Task<TimeSpan> RunOnceAsync(CancellationToken cancellationToken)
    {
        await registry.RefreshCatalogsAsync(cancellationToken);
        return Interval;
    }
}
