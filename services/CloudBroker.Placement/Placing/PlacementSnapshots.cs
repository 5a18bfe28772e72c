using CloudBroker.Persistence;
using CloudBroker.Placement.Inventory;
using CloudBroker.Placement.Pools;
using CloudBroker.Provisioning.Calls;
using CloudBroker.Provisioning.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CloudBroker.Placement.Placing;

/// <summary>
/// This process's view of pools, inventory and providers for decisions (Nova-style): read again when it is older than
/// <see cref="PlacementOptions.SnapshotMaxAge"/> or after this process changed pools or claims (<see cref="Invalidate"/>),
/// by one reader while the others keep deciding on the last one. A provider with no pool yet counts with the default
/// pool it gets at its first create (<see cref="DefaultPools"/>). No provider is called.
/// </summary>
public sealed class PlacementSnapshots(ProviderRegistry registry, RecentProviderCalls calls, TimeProvider time, IOptions<PlacementOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _reading = new(1, 1);
    private volatile PlacementSnapshot? _current;
    private volatile bool _stale = true;

    /// <summary>The next decision reads the database again (a claim or a pool change of this process).</summary>
    public void Invalidate() => _stale = true;

    public async Task<PlacementSnapshot> CurrentAsync(BrokerDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (Fresh(_current) is { } fresh)
        {
            return fresh;
        }

        await _reading.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(_current) is { } read)
            {
                return read;
            }

            _stale = false; // a change from here on marks this read stale again
            var snapshot = await ReadAsync(db, cancellationToken);
            _current = snapshot;
            return snapshot;
        }
        finally
        {
            _reading.Release();
        }
    }

    public void Dispose() => _reading.Dispose();

    private PlacementSnapshot? Fresh(PlacementSnapshot? snapshot) =>
        snapshot is not null && !_stale && time.GetUtcNow().UtcDateTime - snapshot.TakenAt < options.Value.SnapshotMaxAge ? snapshot : null;

    private async Task<PlacementSnapshot> ReadAsync(BrokerDbContext db, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var pools = await db.Set<Pool>().AsNoTracking().OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var rows = await db.Set<PoolInventory>().AsNoTracking().ToDictionaryAsync(r => r.Id, StringComparer.Ordinal, cancellationToken);
        var providers = registry.All.ToDictionary(p => p.Id, View, StringComparer.Ordinal);
        var pooled = pools.Select(p => p.ProviderId).ToHashSet(StringComparer.Ordinal);
        pools.AddRange(providers.Keys.Where(id => !pooled.Contains(id)).Select(id => new Pool { Id = id, ProviderId = id, OpenToAll = true }));
        return new PlacementSnapshot(pools, rows, providers, now);
    }

    private ProviderView View(Provider provider)
    {
        var recent = calls.Of(provider.Id);
        var failed = recent.Count(c => c.Result == ProviderCallResult.Failed);
        return new ProviderView(
            provider.Id,
            provider.Capabilities,
            provider.Status,
            provider.Billing.CloudName is not null,
            recent.Count == 0 ? 0 : failed / (double)recent.Count,
            provider.Catalog.HardwareProfiles,
            provider.Catalog.Images,
            [.. provider.Catalog.Realms.Where(r => r.Available).Select(r => r.Id)]);
    }
}
