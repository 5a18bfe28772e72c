using CloudBroker.Persistence.Background;
using CloudBroker.Persistence.Transient;
using CloudBroker.Provisioning.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudBroker.Provisioning.Reconciliation;

/// <summary>
/// Reconciles every available provider each <see cref="ReconcilerOptions.Interval"/>. Every process may
/// run one: the provider's lease lets one of them work and the others skip.
/// </summary>
internal sealed partial class ReconcilerScheduler(
    IServiceScopeFactory scopes,
    ProviderRegistry providers,
    TimeProvider time,
    TransientDatabaseErrors databaseErrors,
    IOptions<ReconcilerOptions> options,
    ILogger<ReconcilerScheduler> logger) : PeriodicWork(time, databaseErrors, logger)
{
    protected override TimeSpan Interval => options.Value.Interval;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled || settings.Interval <= TimeSpan.Zero)
        {
            LogOff(Logger);
            return Task.CompletedTask;
        }

        return base.ExecuteAsync(stoppingToken);
    }

    protected override async Task<TimeSpan> RunOnceAsync(CancellationToken cancellationToken)
    {
        foreach (var provider in providers.All.Where(p => p.Status != ProviderStatus.Unavailable))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<Reconciler>().RunAsync(provider, ReconciliationTrigger.Schedule, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // One provider's failure must not stop the others.
                LogFailed(Logger, provider.Id, ex);
            }
        }

        return Interval;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled reconciliation is off (CloudBroker:Reconciler:Enabled / Interval)")]
    private static partial void LogOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled reconciliation of provider {ProviderId} failed")]
    private static partial void LogFailed(ILogger logger, string providerId, Exception exception);
}
