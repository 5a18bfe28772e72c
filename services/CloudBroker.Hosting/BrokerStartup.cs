using CloudBroker.Identity;
using CloudBroker.Persistence;
using CloudBroker.Provisioning.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudBroker.Hosting;

/// <summary>
/// Runs before anything listens or consumes (<see cref="IHostedLifecycleService.StartingAsync"/>):
/// creates the data folder, migrates the database, reads or makes the installation id, installs
/// the bootstrap admin key, opens the providers and reads their catalogs.
/// </summary>
internal sealed partial class BrokerStartup(
    IServiceScopeFactory scopes,
    IOptions<BrokerSettings> settings,
    InstallationIdentity installation,
    ProviderRegistry providers,
    TimeProvider time,
    ILogger<BrokerStartup> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var dataPath = settings.Value.DataPath;
        Directory.CreateDirectory(dataPath);
        LogDataFolder(logger, dataPath);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        installation.Set(await EnsureInstallationAsync(db, now, cancellationToken));

        var keySource = await BootstrapAdminKey.EnsureAsync(db, settings.Value.BootstrapAdminKey, dataPath, now, cancellationToken);
        LogAdminKey(logger, keySource);

        providers.Open(dataPath, installation.Id);
        await providers.RefreshCatalogsAsync(cancellationToken);
        foreach (var provider in providers.All)
        {
            LogProvider(logger, provider.Id, provider.DriverName, provider.Status, provider.UnavailableReason ?? "");
        }
    }

    private static async Task<string> EnsureInstallationAsync(BrokerDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var row = await db.Installations.FindAsync([Installation.SingletonKey], cancellationToken);
        if (row is null)
        {
            row = new Installation { Id = Guid.NewGuid().ToString(), CreatedAt = now };
            db.Installations.Add(row);
            await db.SaveChangesAsync(cancellationToken);
        }

        return row.Id;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Data folder: {DataPath}")]
    private static partial void LogDataFolder(ILogger logger, string dataPath);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin API key: {KeySource}")]
    private static partial void LogAdminKey(ILogger logger, string keySource);

    [LoggerMessage(Level = LogLevel.Information, Message = "Provider {ProviderId} (driver {Driver}): {Status} {Reason}")]
    private static partial void LogProvider(ILogger logger, string providerId, string driver, ProviderStatus status, string reason);
}
