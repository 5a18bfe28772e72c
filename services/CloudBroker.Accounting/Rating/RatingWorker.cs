using CloudBroker.Accounting.Metering;
using CloudBroker.Persistence;
using CloudBroker.Persistence.Background;
using CloudBroker.Persistence.Transient;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudBroker.Accounting.Rating;

/// <summary>
/// The rating run in the worker role (the embedded process too): every <c>RatingInterval</c>, and at once when
/// metering signals new usage (the keyed <see cref="WakeSignal"/> of <see cref="UsageInterval"/>); each run wakes the
/// export schedule (the keyed signal of <see cref="RatingWatermark"/>), which makes the revisions the run made due.
/// </summary>
internal sealed class RatingWorker(
    IServiceScopeFactory scopes,
    [FromKeyedServices(typeof(UsageInterval))] WakeSignal metered,
    [FromKeyedServices(typeof(RatingWatermark))] WakeSignal rated,
    TimeProvider time,
    TransientDatabaseErrors databaseErrors,
    IOptions<AccountingOptions> options,
    ILogger<RatingWorker> logger) : PeriodicWork(time, databaseErrors, logger)
{
    protected override TimeSpan Interval => options.Value.RatingInterval;

    protected override WakeSignal Wake => metered;

    protected override async Task<TimeSpan> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RatingRun>().RunAsync(Time.GetUtcNow().UtcDateTime.ToStoredPrecision(), cancellationToken);
        rated.Notify();
        return Interval;
    }
}
