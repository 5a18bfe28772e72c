namespace CloudBroker.Accounting.Periods;

/// <summary>
/// A calendar month in UTC that charges are billed in: open while rating may still rewrite it, closed from
/// <see cref="ClosedAt"/> on, after which nothing of it changes again (late usage becomes corrections in the open
/// period). The rules — which month a time falls in, when a period is due to close — live in <see cref="BillingPeriods"/>.
/// </summary>
public sealed class BillingPeriod
{
    /// <summary>The month's first instant (UTC); the period is <c>[Start, Start + 1 month)</c>.</summary>
    public DateTime Start { get; init; }

    /// <summary>When the rating run closed the period; null while it is open.</summary>
    public DateTime? ClosedAt { get; set; }
}
