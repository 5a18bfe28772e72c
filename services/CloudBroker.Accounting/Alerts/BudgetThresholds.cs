using CloudBroker.Quotas.Limits;

namespace CloudBroker.Accounting.Alerts;

/// <summary>The budget thresholds (percent of the limit) a scope's rated cost is held to, and which of them it reached.</summary>
public static class BudgetThresholds
{
    /// <summary>Used until the budget's own <c>warnAt</c> list is stored (docs/quotas.md, "warnAt as a list").</summary>
    public static readonly IReadOnlyList<int> Default = [50, 75, 90, 100];

    public static IReadOnlyList<int> Of(Quota quota) => Default;

    /// <summary>The thresholds <paramref name="usedMicros"/> reached: <c>used ≥ limit × threshold / 100</c>, exactly.</summary>
    public static IEnumerable<int> Reached(IEnumerable<int> thresholds, long limitMicros, long usedMicros) =>
        thresholds.Where(t => (decimal)usedMicros * 100 >= (decimal)limitMicros * t);
}
