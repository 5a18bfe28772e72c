using CloudBroker.Drivers;
using CloudBroker.Persistence;
using CloudBroker.Persistence.Background;
using CloudBroker.Persistence.Transient;
using CloudBroker.Placement.Pools;
using CloudBroker.Provisioning.Pacing;
using CloudBroker.Provisioning.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudBroker.Placement.Inventory;

/// <summary>
/// Reads what each provider's realms hold, every <see cref="PlacementOptions.InventoryRefreshInterval"/>, in the worker
/// role and never on a request: a provider whose driver declares <see cref="Capability.Capacity"/> is asked through its
/// <c>GatedDriver</c> (paced, counted, refused while its circuit is open, like every provider call); every provider gets its
/// default pool and a row per realm of each pool (<see cref="InventorySync"/>). A provider that fails keeps its last
/// figures and the round goes on to the next.
/// </summary>
internal sealed partial class InventoryRefresher(
    IServiceScopeFactory scopes,
    ProviderRegistry registry,
    TimeProvider time,
    TransientDatabaseErrors databaseErrors,
    IOptions<PlacementOptions> options,
    Placing.PlacementSnapshots snapshots,
    ILogger<InventoryRefresher> logger) : PeriodicWork(time, databaseErrors, logger)
{
    protected override TimeSpan Interval => options.Value.InventoryRefreshInterval;

    protected override bool RunsAtStart => true;

    protected override async Task<TimeSpan> RunOnceAsync(CancellationToken cancellationToken)
    {
        foreach (var provider in registry.All)
        {
            await RefreshAsync(provider, cancellationToken);
        }

        return Interval;
    }

    /// <summary>One provider's pools: read its capacity if it can say, then bring every pool's rows up to date.</summary>
    public async Task RefreshAsync(Provider provider, CancellationToken cancellationToken)
    {
        IReadOnlyList<RealmCapacity>? reading = null;
        if (provider.Driver is { } driver && provider.Capabilities.Contains(Capability.Capacity))
        {
            try
            {
                reading = await driver.ReadCapacityAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is DriverException or ProviderPacedException)
            {
                LogUnread(Logger, provider.Id, ex.Message);
            }
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        var now = Time.GetUtcNow().UtcDateTime;
        var realms = provider.Catalog.Realms.Select(r => r.Id).ToList();
        foreach (var pool in await DefaultPools.OfProviderAsync(db, provider.Id, now, cancellationToken))
        {
            await InventorySync.ApplyAsync(db, pool, realms, reading, now, cancellationToken);
            db.ChangeTracker.Clear();
        }

        snapshots.Invalidate();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Capacity of provider {ProviderId} not read this round, its last figures kept: {Reason}")]
    private static partial void LogUnread(ILogger logger, string providerId, string reason);
}
