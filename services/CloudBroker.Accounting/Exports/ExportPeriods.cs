namespace CloudBroker.Accounting.Exports;

/// <summary>
/// Which billing period an export is of: calendar months in UTC. Whether one is closed belongs to the billing periods
/// (issue 20, item 1); until they land, a month is closed once the default grace of 2 days has passed after its end.
/// </summary>
public static class ExportPeriods
{
    public static readonly TimeSpan Grace = TimeSpan.FromDays(2);

    public static bool IsClosed(DateTime periodStart, DateTime now) => now >= periodStart.AddMonths(1) + Grace;
}
