using CloudBroker.Drivers;

namespace CloudBroker.Provisioning.Pacing;

/// <summary>
/// The arithmetic of a token bucket kept as two numbers (seconds): the time its next token is due (GCRA's
/// "theoretical arrival time") and a shift. A take moves the due time on by one interval from now or from where it
/// stands, whichever is later, and the token may be used <see cref="Tolerance"/> before the old due time — which lets
/// <see cref="RequestBudget.Burst"/> calls through at once from a rested bucket. Times are in the bucket's own clock,
/// ours minus the shift: every throttle adds one interval to the shift, because it shows the provider's bucket is
/// behind ours (it started later, or others spend it too), and that moves every turn already given out later, so
/// waiting callers do not keep arriving early.
/// </summary>
internal static class CellRate
{
    public static double Interval(RequestBudget budget) => 1 / budget.RequestsPerSecond;

    public static double Tolerance(RequestBudget budget) => (budget.Burst - 1) * Interval(budget);

    /// <summary>The due time after one more take at <paramref name="now"/> (bucket time).</summary>
    public static double Next(double due, double now, RequestBudget budget) => Math.Max(due, now) + Interval(budget);

    /// <summary>The turn (bucket time) of the token that moved the due time to <paramref name="next"/>.</summary>
    public static double TurnOf(double next, RequestBudget budget) => next - Interval(budget) - Tolerance(budget);

    /// <summary>How long from <paramref name="now"/> (bucket time) until <paramref name="turn"/>.</summary>
    public static TimeSpan Until(double turn, double now) => TimeSpan.FromSeconds(Math.Max(0, turn - now));

    /// <summary>The due time that makes the first token usable at <paramref name="until"/> (bucket time) and no earlier.</summary>
    public static double PausedUntil(double due, double until, RequestBudget budget) => Math.Max(due, until + Tolerance(budget));
}
