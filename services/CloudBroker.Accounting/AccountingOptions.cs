namespace CloudBroker.Accounting;

/// <summary><c>CloudBroker:Accounting</c>.</summary>
public sealed class AccountingOptions
{
    public const string Section = "CloudBroker:Accounting";

    /// <summary>How soon a price book published by another process prices budgets here (this process's own publications apply at once).</summary>
    public TimeSpan PriceRefreshInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait between two rating runs (metering wakes the run sooner).</summary>
    public TimeSpan RatingInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long after its month ends a billing period stays open for late usage before the rating run closes it.</summary>
    public TimeSpan PeriodGrace { get; set; } = TimeSpan.FromDays(2);
}
