using CloudBroker.Persistence;
using CloudBroker.Persistence.Background;
using CloudBroker.Persistence.Transient;
using CloudBroker.Provisioning.History;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudBroker.Accounting.Metering;

/// <summary>
/// The accounting worker's metering loop: a <see cref="MeteringRound"/> at start, whenever an instance changes state,
/// and every <see cref="MeteringOptions.Interval"/>; at once again while a round found a full batch.
/// <c>InstanceStateChanged</c> only wakes it (<see cref="HistoryChangedConsumer"/>): a replayed, lost or duplicated
/// message changes no usage.
/// </summary>
internal sealed class MeteringWorker(
    IServiceScopeFactory scopes,
    IHistoryFeed feed,
    [FromKeyedServices(typeof(InstanceEvent))] WakeSignal historyChanged,
    [FromKeyedServices(typeof(UsageInterval))] WakeSignal usageAdvanced,
    TransientDatabaseErrors databaseErrors,
    TimeProvider time,
    IOptions<MeteringOptions> options,
    ILogger<MeteringWorker> logger) : PeriodicWork(time, databaseErrors, logger)
{
    protected override TimeSpan Interval => options.Value.Interval;

    protected override bool RunsAtStart => true;

    protected override WakeSignal Wake => historyChanged;

    protected override async Task<TimeSpan> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        var read = await MeteringRound.RunAsync(db, feed, options.Value.BatchSize, Time.GetUtcNow().UtcDateTime, cancellationToken);
        if (read > 0)
        {
            usageAdvanced.Notify(); // rating follows metering
        }

        return read == options.Value.BatchSize ? TimeSpan.Zero : Interval;
    }
}
