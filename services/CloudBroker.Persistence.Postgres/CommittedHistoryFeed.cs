using CloudBroker.Accounting.Metering;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Persistence.Postgres;

/// <summary>
/// The history feed for PostgreSQL, where ids are taken at insert but transactions commit in any order: a reader that
/// took <c>id &gt; watermark</c> would pass a row whose transaction commits later with a smaller id. Every row carries
/// the id of the transaction that wrote it (<see cref="CloudBroker.Provisioning.History.InstanceEvent.Transaction"/>),
/// and the feed reads, in (transaction, id) order, only rows whose transaction is older than the oldest one still in
/// flight (<c>pg_snapshot_xmin</c>): those transactions have all ended, so no row can ever appear before that position.
/// A long transaction holds metering back (never loses a row); transaction ids are 64-bit (<c>xid8</c>), so they never wrap.
/// </summary>
internal sealed class CommittedHistoryFeed : IHistoryFeed
{
    /// <summary>The watermark row, locked: a second worker's round waits for this one's commit, then reads after it.</summary>
    public Task<MeteringWatermark> HoldWatermarkAsync(BrokerDbContext db, CancellationToken cancellationToken) =>
        db.Set<MeteringWatermark>()
            .FromSql($"""SELECT * FROM metering_watermarks WHERE "Id" = {MeteringWatermark.InstanceHistory} FOR UPDATE""")
            .SingleAsync(cancellationToken);

    public async Task<IReadOnlyList<HistoryPosition>> NextAsync(BrokerDbContext db, MeteringWatermark watermark, int limit, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<HistoryPosition>($"""
                SELECT "InstanceId", "Transaction", "Id" FROM instance_events
                WHERE ("Transaction", "Id") > ({watermark.Transaction}, {watermark.EventId})
                  AND "Transaction" < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
                ORDER BY "Transaction", "Id"
                LIMIT {limit}
                """)
            .ToListAsync(cancellationToken);
}
