using CloudBroker.Provisioning.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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
    IOptions<ReconcilerOptions> options,
    ILogger<ReconcilerScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled || settings.Interval <= TimeSpan.Zero)
        {
            LogOff(logger);
            return;
        }

        using var timer = new PeriodicTimer(settings.Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var provider in providers.All.Where(p => p.Status == ProviderStatus.Available))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<Reconciler>().RunAsync(provider, ReconciliationTrigger.Schedule, stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // One provider's failure must not stop the others, nor the next tick.
                    LogFailed(logger, provider.Id, ex);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled reconciliation is off (CloudBroker:Reconciler:Enabled / Interval)")]
    private static partial void LogOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled reconciliation of provider {ProviderId} failed")]
    private static partial void LogFailed(ILogger logger, string providerId, Exception exception);
}
