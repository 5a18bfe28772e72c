using CloudBroker.Persistence;
using CloudBroker.Provisioning.History;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Accounting.Metering;

/// <summary>The feed for SQLite: one writer at a time, so rows commit in id order and the id is the position.</summary>
internal sealed class IdOrderHistoryFeed : IHistoryFeed
{
    public Task<MeteringWatermark> HoldWatermarkAsync(BrokerDbContext db, CancellationToken cancellationToken) =>
        db.Set<MeteringWatermark>().SingleAsync(m => m.Id == MeteringWatermark.InstanceHistory, cancellationToken);

    public async Task<IReadOnlyList<HistoryPosition>> NextAsync(BrokerDbContext db, MeteringWatermark watermark, int limit, CancellationToken cancellationToken) =>
        await db.Set<InstanceEvent>()
            .Where(e => e.Id > watermark.EventId)
            .OrderBy(e => e.Id)
            .Take(limit)
            .Select(e => new HistoryPosition(e.InstanceId, 0, e.Id))
            .ToListAsync(cancellationToken);
}
