using CloudBroker.Accounting.Rating;
using CloudBroker.Persistence.Background;
using CloudBroker.Persistence.Transient;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudBroker.Accounting.Exports;

/// <summary>
/// Runs <see cref="ExportSchedule"/> in the worker role (the embedded process too): when a rating run has moved the
/// watermark (the keyed <see cref="WakeSignal"/> of <see cref="RatingWatermark"/>), and every
/// <see cref="ExportOptions.ScheduleInterval"/> for what another process rated.
/// </summary>
internal sealed class ExportScheduler(
    IServiceScopeFactory scopes,
    [FromKeyedServices(typeof(RatingWatermark))] WakeSignal rated,
    TimeProvider time,
    TransientDatabaseErrors databaseErrors,
    IOptions<ExportOptions> options,
    ILogger<ExportScheduler> logger) : PeriodicWork(time, databaseErrors, logger)
{
    protected override TimeSpan Interval => options.Value.ScheduleInterval;

    protected override WakeSignal Wake => rated;

    protected override bool RunsAtStart => true;

    protected override async Task<TimeSpan> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ExportSchedule>().RunAsync(cancellationToken);
        return Interval;
    }
}
