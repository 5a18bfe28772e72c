using CloudBroker.Persistence;
using CloudBroker.Provisioning.History;
using CloudBroker.Provisioning.Instances;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Accounting.Metering;

/// <summary>
/// One metering round: reads the instance history after the watermark (<see cref="IHistoryFeed"/>, an order no late
/// commit jumps behind) and, for every instance with new rows, rewrites its usage intervals from its whole history
/// (<see cref="UsageTimeline"/>), in the transaction that moves the watermark. The history is the source of truth, so a
/// first round meters everything since installation, an outage only delays usage, and rewriting is idempotent
/// (deterministic interval ids): an instance seen twice, or a round repeated after a failed commit, writes the same rows.
/// </summary>
internal static class MeteringRound
{
    /// <summary>One round: up to <paramref name="batchSize"/> history rows into usage; returns how many rows it read.</summary>
    public static async Task<int> RunAsync(BrokerDbContext db, IHistoryFeed feed, int batchSize, DateTime now, CancellationToken cancellationToken)
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
