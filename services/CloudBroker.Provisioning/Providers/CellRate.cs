using CloudBroker.Drivers;

namespace CloudBroker.Provisioning.Providers;

/// <summary>
/// The arithmetic of a token bucket kept as one number, the time the next token is due (seconds since the Unix
/// epoch; GCRA's "theoretical arrival time"): a take moves it on by one interval from now or from where it stands,
/// whichever is later, and the token may be used <see cref="Tolerance"/> before the old due time — which lets
/// <see cref="RequestBudget.Burst"/> calls through at once from a rested bucket.
/// </summary>
internal static class CellRate
{
    public static double Interval(RequestBudget budget) => 1 / budget.RequestsPerSecond;

    public static double Tolerance(RequestBudget budget) => (budget.Burst - 1) * Interval(budget);

    /// <summary>The due time after one more take at <paramref name="now"/>.</summary>
    public static double Next(double due, double now, RequestBudget budget) => Math.Max(due, now) + Interval(budget);

    /// <summary>How long the holder of the token that moved the due time to <paramref name="next"/> waits before using it.</summary>
    public static TimeSpan WaitFor(double next, double now, RequestBudget budget) =>
        TimeSpan.FromSeconds(Math.Max(0, next - Interval(budget) - Tolerance(budget) - now));

    /// <summary>The due time that makes the first token usable at <paramref name="until"/> and no earlier.</summary>
    public static double PausedUntil(double due, double until, RequestBudget budget) => Math.Max(due, until + Tolerance(budget));
}
