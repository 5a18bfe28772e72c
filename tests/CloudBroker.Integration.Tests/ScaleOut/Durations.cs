namespace CloudBroker.Integration.Tests.ScaleOut;

/// <summary>Percentiles of measured durations (nearest rank).</summary>
internal static class Durations
{
    public static TimeSpan Percentile(IEnumerable<TimeSpan> values, double percentile)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? TimeSpan.Zero : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
