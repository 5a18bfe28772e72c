using System.Globalization;

namespace CloudBroker.Quotas.Pricing;

/// <summary>
/// A calendar month in UTC, the period a budget is for, and the integer arithmetic that prices time in it.
/// Everything is whole micro-units (longs), so SQLite and PostgreSQL add and compare exactly.
/// </summary>
public readonly record struct BudgetPeriod(int Year, int Month)
{
    private const long SecondsPerHour = 3600;

    public static BudgetPeriod Of(DateTime utc) => new(utc.Year, utc.Month);

    /// <summary>The period of a <see cref="Key"/> (<c>yyyy-MM</c>).</summary>
    public static BudgetPeriod Parse(string key) =>
        new(int.Parse(key.AsSpan(0, 4), CultureInfo.InvariantCulture), int.Parse(key.AsSpan(5, 2), CultureInfo.InvariantCulture));

    public DateTime Start => new(Year, Month, 1, 0, 0, 0, DateTimeKind.Utc);

    public DateTime End => Start.AddMonths(1);

    public long Seconds => (long)(End - Start).TotalSeconds;

    /// <summary><c>yyyy-MM</c>: sorts like time, so <c>Period &lt; @current</c> finds older months in SQL.</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");

    /// <summary>The estimate for running from <paramref name="from"/> to the month's end, rounded up (a reservation never falls short).</summary>
    public long CostFrom(long hourlyMicros, DateTime from) => CeilingCost(hourlyMicros, RemainingSeconds(from, ceiling: true));

    /// <summary>The full month's cost (what a living instance counts when a month begins).</summary>
    public long FullCost(long hourlyMicros) => CeilingCost(hourlyMicros, Seconds);

    /// <summary>
    /// What one ledger line counts against this month's budget: its own amount if it is for this month; the full month if
    /// it is a live line of an older month (a machine alive when the month began is estimated to run all of it), whether
    /// or not it was moved into this month yet; nothing for a released line of an older month. The month rollover sums
    /// the ledger with this rule (<see cref="Counters.QuotaSql.BudgetSum"/> says the same in SQL), and every change of a line
    /// changes the counters by its difference, so a line need not be rewritten when the month turns.
    /// </summary>
    public long Counted(string linePeriod, bool live, long budgetMicros, long hourlyMicros) =>
        linePeriod == Key ? budgetMicros
        : live && string.CompareOrdinal(linePeriod, Key) < 0 ? FullCost(hourlyMicros)
        : 0;

    /// <summary>What a destroy at <paramref name="at"/> gives back: the rest of the month, rounded down (never more than was charged).</summary>
    public long Refund(long hourlyMicros, DateTime at) => checked(hourlyMicros * RemainingSeconds(at, ceiling: false)) / SecondsPerHour;

    public override string ToString() => Key;

    private static long CeilingCost(long hourlyMicros, long seconds) => (checked(hourlyMicros * seconds) + SecondsPerHour - 1) / SecondsPerHour;

    private long RemainingSeconds(DateTime from, bool ceiling)
    {
        var left = (End - from).TotalSeconds;
        return Math.Clamp(ceiling ? (long)Math.Ceiling(left) : (long)Math.Floor(left), 0, Seconds);
    }
}
