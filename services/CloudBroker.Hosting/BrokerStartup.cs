using CloudBroker.Accounting.Pricing;
using CloudBroker.Identity.ApiKeys;
using CloudBroker.Persistence;
using CloudBroker.Provisioning.Providers;
using CloudBroker.Quotas;
using CloudBroker.Secrets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudBroker.Hosting;

/// <summary>
/// Runs before anything listens or consumes (<see cref="IHostedLifecycleService.StartingAsync"/>):
/// creates the data folder (0700) and refuses a database or key file others may read, migrates the database (or, where migrations are an operator's step, refuses
/// an old schema), reads or makes the installation id, installs the bootstrap admin key, publishes the configured prices as a price book
/// (and loads the published ones), reads the master key,
/// opens the providers (configured, then stored) and reads their catalogs. Several processes may start at once on one database.
/// </summary>
internal sealed partial class BrokerStartup(
    IServiceScopeFactory scopes,
    IOptions<BrokerSettings> settings,
    BrokerRuntime runtime,
    InstallationIdentity installation,
    ProviderRegistry providers,
    SecretKeyRing secretKeys,
    ProviderSync storedProviders,
    IConfiguration configuration,
    IOptions<QuotaOptions> quotaOptions,
    PublishedPrices prices,
    TimeProvider time,
    ILogger<BrokerStartup> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var dataPath = settings.Value.DataPath;
        PrivateFiles.CreateFolder(dataPath);
        PrivateFiles.Demand(BrokerFiles.Existing(settings.Value)); // before anything reads or adds to them
        LogStarting(logger, runtime.Roles, settings.Value.Database.Provider, settings.Value.Bus.Transport, dataPath);
        secretKeys.Load(dataPath); // an unsafe or malformed key file stops the start here, before anything is served

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        await PrepareSchemaAsync(db, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        installation.Set(await EnsureInstallationAsync(db, now, cancellationToken));

        var (keySource, keyRevoked) = await BootstrapAdminKey.EnsureAsync(db, settings.Value.BootstrapAdminKey, dataPath, now, settings.Value.Database.IsPostgres, cancellationToken);
        if (keyRevoked)
        {
            LogAdminKeyRevoked(logger, keySource);
        }
        else
        {
            LogAdminKey(logger, keySource);
        }

        await ConfiguredPriceBook.EnsureAsync(db, configuration, quotaOptions.Value.Currency, now, cancellationToken);
        await prices.RefreshAsync(db, cancellationToken);

        providers.Open(dataPath, installation.Id);
        await providers.RefreshCatalogsAsync(cancellationToken);
        await storedProviders.LoadAsync(cancellationToken);
        foreach (var provider in providers.All)
        {
            LogProvider(logger, provider.Id, provider.DriverName, provider.Status, provider.UnavailableReason ?? "");
        }
    }

    private async Task PrepareSchemaAsync(BrokerDbContext db, CancellationToken cancellationToken)
    {
        if (settings.Value.Database.ShouldMigrateOnStartup)
        {
            await db.Database.MigrateAsync(cancellationToken); // EF Core takes a database lock: concurrent starts migrate once.
            return;
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            throw new SchemaBehindException(
                $"The database schema is behind this version ({pending.Count} pending migration(s), the first {pending[0]}). " +
                "Apply them once with the 'migrate' command (see docs/operations.md), or set CloudBroker__Database__MigrateOnStartup=true.");
        }
    }

    private static async Task<string> EnsureInstallationAsync(BrokerDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        // Processes starting together on one database race to make the row: the first insert wins, the others
        // insert nothing (no error to log) and read the winner's id.
        var id = Guid.NewGuid().ToString();
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO installation ("Key", "Id", "CreatedAt") VALUES ({Installation.SingletonKey}, {id}, {now}) ON CONFLICT DO NOTHING""",
            cancellationToken);
        return (await db.Installations.AsNoTracking().FirstAsync(i => i.Key == Installation.SingletonKey, cancellationToken)).Id;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Starting roles {Roles} on database {Database} and bus {Bus}; data folder: {DataPath}")]
    private static partial void LogStarting(ILogger logger, BrokerRoles roles, string database, string bus, string dataPath);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin API key: {KeySource}")]
    private static partial void LogAdminKey(ILogger logger, string keySource);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin API key: {KeySource} — revoked through the API, so it stays revoked. To get a bootstrap key back, configure another one (CloudBroker__BootstrapAdminKey) and restart; see docs/security.md")]
    private static partial void LogAdminKeyRevoked(ILogger logger, string keySource);

    [LoggerMessage(Level = LogLevel.Information, Message = "Provider {ProviderId} (driver {Driver}): {Status} {Reason}")]
    private static partial void LogProvider(ILogger logger, string providerId, string driver, ProviderStatus status, string reason);
}
