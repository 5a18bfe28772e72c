using CloudBroker.Persistence;

namespace CloudBroker.Accounting.Metering;

/// <summary>
/// Reads the instance history in an order no late commit can jump behind: a row metering has passed is never followed by
/// one it has not seen. Each database does it its own way: SQLite has one writer, so id order is commit order
/// (<see cref="IdOrderHistoryFeed"/>); on PostgreSQL ids are taken at insert and transactions commit out of order, so
/// its feed reads only rows whose transaction is older than every transaction still in flight.
/// </summary>
public interface IHistoryFeed
{
    /// <summary>The watermark, held by the caller's transaction until it ends (one metering round at a time).</summary>
    Task<MeteringWatermark> HoldWatermarkAsync(BrokerDbContext db, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> rows after the watermark, in the feed's order; every one of them is final.</summary>
    Task<IReadOnlyList<HistoryPosition>> NextAsync(BrokerDbContext db, MeteringWatermark watermark, int limit, CancellationToken cancellationToken);
}
