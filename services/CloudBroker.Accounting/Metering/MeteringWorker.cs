using CloudBroker.Persistence;
using CloudBroker.Persistence.Background;
using CloudBroker.Persistence.Transient;
using CloudBroker.Provisioning.History;
using CloudBroker.Provisioning.Instances;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudBroker.Accounting.Metering;

/// <summary>
/// The accounting worker's metering: reads the instance history after its watermark (<see cref="IHistoryFeed"/>, commit
/// order) and, for every instance that has new rows, rewrites its usage intervals from its whole history
/// (<see cref="UsageTimeline"/>), in the transaction that moves the watermark. The history is the source of truth:
/// <c>InstanceStateChanged</c> only wakes the loop, so a replayed, lost or duplicated event changes nothing, an outage
/// of the worker only delays usage, and a first start meters everything since installation. Rewriting is idempotent
/// (deterministic interval ids), so one instance seen twice, or a round repeated after a failed commit, writes the same rows.
/// </summary>
internal sealed class MeteringWorker(
    IServiceScopeFactory scopes,
    IHistoryFeed feed,
    [FromKeyedServices(typeof(UsageInterval))] WakeSignal historyChanged,
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
        var read = await MeterOnceAsync(db, options.Value.BatchSize, Time.GetUtcNow().UtcDateTime, cancellationToken);
        return read == options.Value.BatchSize ? TimeSpan.Zero : Interval;
    }

    /// <summary>One round: up to <paramref name="batchSize"/> history rows into usage; returns how many rows it read.</summary>
    internal async Task<int> MeterOnceAsync(BrokerDbContext db, int batchSize, DateTime now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var watermark = await feed.HoldWatermarkAsync(db, cancellationToken);
        var rows = await feed.NextAsync(db, watermark, batchSize, cancellationToken);
        if (rows.Count == 0)
        {
            return 0;
        }

        var instanceIds = rows.Select(r => r.InstanceId).Distinct(StringComparer.Ordinal).ToArray();
        var instances = await db.Set<Instance>().AsNoTracking().Where(i => instanceIds.Contains(i.Id)).ToListAsync(cancellationToken);
        var history = (await db.Set<InstanceEvent>().AsNoTracking()
                .Where(e => instanceIds.Contains(e.InstanceId) && e.Subject == InstanceEvent.InstanceSubject)
                .ToListAsync(cancellationToken))
            .ToLookup(e => e.InstanceId, StringComparer.Ordinal);
        var stored = (await db.Set<UsageInterval>().Where(u => instanceIds.Contains(u.InstanceId)).ToListAsync(cancellationToken))
            .ToDictionary(u => u.Id, StringComparer.Ordinal);
        foreach (var instance in instances)
        {
            foreach (var wanted in UsageTimeline.Of(instance, history[instance.Id]))
            {
                if (!stored.Remove(wanted.Id, out var row))
                {
                    db.Add(wanted);
                }
                else if (row.End != wanted.End || row.EndEventId != wanted.EndEventId)
                {
                    row.End = wanted.End;
                    row.EndEventId = wanted.EndEventId;
                }
            }
        }

        // Rows the history no longer gives go: an event that committed after a later-id event of its instance moves the
        // event an interval starts from.
        db.RemoveRange(stored.Values.Where(u => instances.Any(i => i.Id == u.InstanceId)));
        var last = rows[^1];
        watermark.Transaction = last.Transaction;
        watermark.EventId = last.Id;
        watermark.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return rows.Count;
    }
}
