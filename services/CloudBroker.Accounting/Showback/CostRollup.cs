namespace CloudBroker.Accounting.Showback;

/// <summary>
/// A pre-aggregate of charges for showback: the sums of one tenant's charges of one billing period and class (regular
/// or correction) on one UTC day, per group, owner, provider and realm — and, in rows with a <see cref="TagKey"/>, per
/// value of that tag. The rating run rewrites a tenant's rows in the transaction that rewrites the charges they sum, so
/// <c>GET /api/costs</c> reads these instead of the charges and always agrees with them.
/// </summary>
public sealed class CostRollup
{
    /// <summary>A hash of what keys the row (every column but the sums).</summary>
    public required string Id { get; init; }

    public required string TenantId { get; init; }

    public DateTime BillingPeriod { get; init; }

    public bool IsCorrection { get; init; }

    /// <summary>The day of the charges summed (a correction's is the day it corrects).</summary>
    public DateTime Day { get; init; }

    public required string GroupId { get; init; }

    public required string OwnerId { get; init; }

    public required string ProviderId { get; init; }

    /// <summary>Empty when the provider has no realms.</summary>
    public required string RealmId { get; init; }

    /// <summary>Empty in the row that sums every charge; a tag's key in the rows that sum charges carrying that tag, by value.</summary>
    public required string TagKey { get; init; }

    public required string TagValue { get; init; }

    public decimal ListCost { get; set; }

    public decimal BilledCost { get; set; }

    /// <summary>Unit-hours summed across meters (meaningful when grouped by something of one meter only).</summary>
    public decimal Quantity { get; set; }
}
