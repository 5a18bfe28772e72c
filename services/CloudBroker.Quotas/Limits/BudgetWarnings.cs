using System.Globalization;
using CloudBroker.Problems;

namespace CloudBroker.Quotas.Limits;

/// <summary>
/// A budget's warning thresholds: whole percentages of its limit, stored as one text column (<c>50,75,90,100</c>;
/// <c>null</c> = <see cref="Default"/>, empty = none), and which of them the budget has crossed. The one place that
/// says when a threshold is crossed (the usage API shows it; alerts are to be raised from it).
/// </summary>
public static class BudgetWarnings
{
    public const int MinPercent = 1;
    public const int MaxPercent = 1000;
    public const int MaxCount = 10;

    public static readonly IReadOnlyList<int> Default = [50, 75, 90, 100];

    /// <summary>The thresholds a stored value names.</summary>
    public static IReadOnlyList<int> Parse(string? stored) =>
        stored is null ? Default : stored.Length == 0 ? [] : [.. stored.Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture))];

    /// <summary>
    /// The stored value of the thresholds a request gives (<c>null</c>: the default), checked at
    /// <paramref name="pointer"/> (<c>400 validation</c>: each from <see cref="MinPercent"/> to <see cref="MaxPercent"/>,
    /// at most <see cref="MaxCount"/>), sorted and without repeats.
    /// </summary>
    public static string? Store(IReadOnlyList<long>? thresholds, string pointer)
    {
        if (thresholds is null)
        {
            return null;
        }

        if (thresholds.Count > MaxCount)
        {
            throw ProblemException.Invalid(pointer, $"may have at most {MaxCount} thresholds", new FieldLimit(Max: MaxCount));
        }

        var errors = thresholds
            .Select((percent, n) => (percent, n))
            .Where(t => t.percent is < MinPercent or > MaxPercent)
            .Select(t => new FieldError($"{pointer}/{t.n}", $"must be a whole percentage of the limit from {MinPercent} to {MaxPercent}", new FieldLimit(Min: MinPercent, Max: MaxPercent)))
            .ToList();
        if (errors.Count > 0)
        {
            throw new ProblemException(ProblemTypes.Validation, errors.Count == 1 ? $"{errors[0].Pointer} {errors[0].Detail}" : $"{errors.Count} fields are not valid", errors);
        }

        return string.Join(',', thresholds.Distinct().Order().Select(p => p.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>The thresholds of <paramref name="quota"/>'s budget that what it holds (used + reserved) has reached.</summary>
    public static IReadOnlyList<int> Crossed(Quota quota) =>
        Crossed(Parse(quota.BudgetWarnAt), quota.Budget.Limit, quota.Budget.Used + quota.Budget.Reserved);

    /// <summary>
    /// The thresholds <paramref name="held"/> has reached: <c>held ≥ limit × percent / 100</c>, in exact integers. None
    /// without a limit, and none while nothing is held (a limit of 0 warns from the first micro-unit).
    /// </summary>
    public static IReadOnlyList<int> Crossed(IReadOnlyList<int> thresholds, long? limit, long held) =>
        limit is { } max && held > 0 ? [.. thresholds.Where(percent => (Int128)held * 100 >= (Int128)max * percent)] : [];
}
