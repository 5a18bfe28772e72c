using CloudBroker.Persistence;
using CloudBroker.Persistence.Background;
using CloudBroker.Persistence.Transient;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudBroker.Accounting.Pricing;

/// <summary>Re-reads the published price books when another process published a version (every role prices: the API's budgets too).</summary>
internal sealed class PriceCatalogRefresher(
    PublishedPrices prices,
    IServiceScopeFactory scopes,
    TimeProvider time,
    TransientDatabaseErrors databaseErrors,
    IOptions<AccountingOptions> options,
    ILogger<PriceCatalogRefresher> logger) : PeriodicWork(time, databaseErrors, logger)
{
    protected override TimeSpan Interval => options.Value.PriceRefreshInterval;

    protected override async Task<TimeSpan> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await prices.RefreshAsync(scope.ServiceProvider.GetRequiredService<BrokerDbContext>(), cancellationToken);
        return Interval;
    }
}
