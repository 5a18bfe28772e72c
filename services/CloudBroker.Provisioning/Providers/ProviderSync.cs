using CloudBroker.Persistence;
using CloudBroker.Persistence.Background;
using CloudBroker.Persistence.Transient;
using CloudBroker.Secrets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudBroker.Provisioning.Providers;

/// <summary>
/// Keeps <see cref="ProviderRegistry"/> in step with the <c>providers</c> table: at startup it opens every stored
/// provider; after a write through this process's API the writer calls <see cref="RefreshAsync"/>; changes made by
/// other processes are found by a cheap check of every row's id, version and update time each
/// <see cref="ProviderStoreOptions.PollInterval"/>, or at once when its <see cref="WakeSignal"/> (keyed by
/// <see cref="ProviderRecord"/>) wakes it (PostgreSQL's NOTIFY). A changed row is opened again and its old driver retired.
/// </summary>
public sealed partial class ProviderSync(
    IServiceScopeFactory scopes,
    ProviderRegistry registry,
    ProviderCredentials credentials,
    [FromKeyedServices(typeof(ProviderRecord))] WakeSignal changed,
    TimeProvider time,
    TransientDatabaseErrors databaseErrors,
    IOptions<ProviderStoreOptions> options,
    ILogger<ProviderSync> logger) : PeriodicWork(time, databaseErrors, logger)
{
    private const string RotationActor = "system:key-rotation";
    private static readonly TimeSpan CatalogReadCap = TimeSpan.FromMinutes(2);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _closing = new(); // no timer: nothing to dispose, so a late StopAsync is safe
    private readonly Dictionary<string, (int Version, DateTime UpdatedAt)> _applied = new(StringComparer.Ordinal);

    /// <summary>At startup, after <see cref="ProviderRegistry.Open"/>: re-seals credentials under the current key, then opens every stored provider.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await ResealAsync(cancellationToken);
        await SyncAsync(cancellationToken);
    }

    /// <summary>Re-opens every provider whose row changed, and forgets those whose row is gone.</summary>
    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
            var stamps = await db.Set<ProviderRecord>().AsNoTracking()
                .Select(p => new { p.Id, p.Version, p.UpdatedAt })
                .ToDictionaryAsync(p => p.Id, p => (p.Version, p.UpdatedAt), StringComparer.Ordinal, cancellationToken);
            foreach (var gone in _applied.Keys.Where(id => !stamps.ContainsKey(id)).ToArray())
            {
                registry.Remove(gone);
                _applied.Remove(gone);
            }

            var changed = stamps.Where(s => !_applied.TryGetValue(s.Key, out var applied) || applied != s.Value).Select(s => s.Key).ToArray();
            if (changed.Length == 0)
            {
                return;
            }

            var rows = await db.Set<ProviderRecord>().AsNoTracking().Where(p => changed.Contains(p.Id)).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                await ApplyAsync(row, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Re-opens (or forgets) one provider at once, after this process changed its row through <paramref name="writer"/>.
    /// The row is read through the writer, so a change not yet committed (a request with an <c>Idempotency-Key</c> runs
    /// in one transaction) is seen; should that transaction roll back, the next check finds the row as it is.
    /// </summary>
    public async Task RefreshAsync(string id, BrokerDbContext writer, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var row = await writer.Set<ProviderRecord>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
            if (row is null)
            {
                registry.Remove(id);
                _applied.Remove(id);
                return;
            }

            await ApplyAsync(row, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override TimeSpan Interval => options.Value.PollInterval;

    protected override WakeSignal Wake => changed;

    /// <summary>A check for changes made by other processes (the database may be away for a moment: the next check tries again).</summary>
    protected override async Task<TimeSpan> RunOnceAsync(CancellationToken cancellationToken)
    {
        await SyncAsync(cancellationToken);
        return Interval;
    }

    private async Task ApplyAsync(ProviderRecord row, CancellationToken cancellationToken)
    {
        (ProviderStatusCategory, string)? refusal = null;
        IReadOnlyDictionary<string, string> secrets = new Dictionary<string, string>();
        if (!row.Enabled)
        {
            refusal = (ProviderStatusCategory.Disabled, "it is disabled (set \"enabled\": true to use it)");
        }
        else
        {
            try
            {
                secrets = credentials.Open(row);
            }
            catch (SecretUnreadableException ex)
            {
                refusal = (ProviderStatusCategory.CredentialsUnreadable, $"the credentials of provider '{row.Id}' cannot be decrypted: {ex.Message}");
            }
        }

        var section = ProviderSettings.Section(row.Id, row.Driver, ProviderSettings.Parse(row.Settings), secrets);
        var provider = registry.Put(row, section, refusal);
        _applied[row.Id] = (row.Version, row.UpdatedAt);
        if (provider?.Driver is null)
        {
            return;
        }

        // The first catalog read is waited for a moment only (a writer answers soon); a slow one goes on in the
        // background and fills the catalog when the provider answers. Only shutdown or the cap stops it.
        var read = ReadCatalogAsync(provider);
        await Task.WhenAny(read, Task.Delay(options.Value.TestTimeout, Time, cancellationToken));
    }

    private async Task ReadCatalogAsync(Provider provider)
    {
        using var cap = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
        cap.CancelAfter(CatalogReadCap);
        try
        {
            await registry.RefreshCatalogAsync(provider, cap.Token);
        }
        catch (OperationCanceledException)
        {
            // Shutting down, or the provider never answered: the catalog refresher tries again on its schedule.
        }
        catch (Exception ex)
        {
            LogCatalogReadFailed(Logger, provider.Id, ex);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await _closing.CancelAsync();
        await base.StopAsync(cancellationToken);
    }

    /// <summary>Seals again, under the current master key, every credential sealed under a previous one (a key rotation).</summary>
    private async Task ResealAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        var rows = await db.Set<ProviderRecord>().Where(p => p.CredentialsKeyId != null).ToListAsync(cancellationToken);
        foreach (var row in rows.Where(credentials.NeedsResealing))
        {
            var oldKey = row.CredentialsKeyId!;
            try
            {
                credentials.Reseal(row);
                row.Version++;
                row.UpdatedAt = Time.GetUtcNow().UtcDateTime;
                row.UpdatedBy = RotationActor;
                await db.SaveChangesAsync(cancellationToken);
                LogResealed(Logger, row.Id, oldKey, row.CredentialsKeyId!);
            }
            catch (Exception ex) when (ex is SecretUnreadableException or SecretKeyException)
            {
                // The provider is then listed with the reason; a rotation never stops the start.
                db.Entry(row).State = EntityState.Detached;
                LogResealFailed(Logger, row.Id, ex.Message);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another process re-sealed it, or an admin replaced the credentials meanwhile.
                db.Entry(row).State = EntityState.Detached;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the catalog of provider {ProviderId} failed")]
    private static partial void LogCatalogReadFailed(ILogger logger, string providerId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Credentials of provider {ProviderId} re-sealed from master key {OldKeyId} to {NewKeyId}")]
    private static partial void LogResealed(ILogger logger, string providerId, string oldKeyId, string newKeyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Credentials of provider {ProviderId} cannot be re-sealed under the current master key: {Reason}")]
    private static partial void LogResealFailed(ILogger logger, string providerId, string reason);
}
