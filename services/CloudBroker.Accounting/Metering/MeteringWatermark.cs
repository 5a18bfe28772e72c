namespace CloudBroker.Accounting.Metering;

/// <summary>
/// How far metering has read the instance history: the position of the last <c>instance_events</c> row it turned
/// into usage, in the order <see cref="IHistoryFeed"/> reads them. One row, written in the transaction that writes the
/// usage it accounts for, so usage and watermark never disagree.
/// </summary>
public sealed class MeteringWatermark
{
    public const string InstanceHistory = "instance-events";

    public required string Id { get; init; }

    /// <summary>The last row's writing transaction (PostgreSQL; 0 on SQLite, where id order is commit order).</summary>
    public long Transaction { get; set; }

    /// <summary>The last row's id.</summary>
    public long EventId { get; set; }

    public DateTime? UpdatedAt { get; set; }
}
