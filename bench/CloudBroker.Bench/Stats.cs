using System.Diagnostics;

namespace CloudBroker.Bench;

/// <summary>Nearest-rank percentiles and medians, as the reads scenario computes them.</summary>
internal static class Stats
{
    /// <summary>The smallest of the sorted <paramref name="ticks"/> (Stopwatch ticks) that at least <paramref name="p"/> of them do not exceed, in ms.</summary>
    public static double PercentileMs(long[] ticks, double p) =>
        ticks.Length == 0 ? double.NaN : ticks[Math.Max(0, (int)Math.Ceiling(p * ticks.Length) - 1)] * 1000.0 / Stopwatch.Frequency;

    /// <summary>The same over sorted values.</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static double[] Sorted(IEnumerable<double> values)
    {
        var array = values.ToArray();
        Array.Sort(array);
        return array;
    }
}
