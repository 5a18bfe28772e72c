using System.Globalization;

namespace CloudBroker.Bench;

/// <summary>
/// The rating scenario: <see cref="RatingChild"/> runs at a tenth of the row count, the full count (default 10 M) and
/// twice it, each in a fresh process with workstation GC, for <c>--rounds</c> rounds; medians of rows/s and peak
/// memory, to show the rate and that memory does not grow with the row count.
/// </summary>
internal static class RatingScenario
{
    public const double GoalRowsPerSecond = 330_000;

    public static async Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        // A tenth, the full count and twice it: memory grows until a whole month of volume-tiered charges is held (about
        // 31 days × the machines), then stays flat however many rows follow.
        var counts = new[] { options.RatingRows / 10, options.RatingRows, options.RatingRows * 2 };
        var runs = new List<Dictionary<string, string>>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var rows in counts)
            {
                runs.Add(await ChildRuns.RunAsync(
                    [RatingChild.Flag, rows.ToString(CultureInfo.InvariantCulture), options.RatingInstances.ToString(CultureInfo.InvariantCulture)],
                    round, TimeSpan.FromMinutes(20), cancellationToken));
            }
        }

        return Markdown(options, runs);
    }

    private static string Markdown(BenchOptions options, List<Dictionary<string, string>> runs)
    {
        var md = ChildRuns.Header("Accounting: rating hourly usage through the pure rating function");
        md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"- per run: a fresh process (workstation GC), {options.RatingInstances:N0} machines × the hours that make the row count, ") +
            "one hourly usage row per machine-hour generated as it is read (never held), rated from 2026-01-01 (across a month's end and a mid-month price change) " +
            "with graduated, volume and flat lines, tenant lines, contracts and a monthly fee; charges counted and summed, not stored");
        md.AppendLine(CultureInfo.InvariantCulture, $"- {options.Rounds} rounds, medians shown").AppendLine();
        md.AppendLine("| rows | rows/s | seconds | charges | peak working set MiB | peak GC heap MiB |");
        md.AppendLine("|--:|--:|--:|--:|--:|--:|");
        foreach (var group in runs.GroupBy(r => r["rows"]))
        {
            md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {long.Parse(group.Key, CultureInfo.InvariantCulture):N0} | {Stats.Median(group.Select(ChildRuns.RowsPerSecond)):N0} | {Stats.Median(group.Select(r => ChildRuns.Number(r, "seconds"))):F1} | ") +
                string.Create(CultureInfo.InvariantCulture,
                $"{group.First()["charges"]} | {Stats.Median(group.Select(r => ChildRuns.Number(r, "peakWorkingSet") / ChildRuns.MiB)):F0} | {Stats.Median(group.Select(r => ChildRuns.Number(r, "peakHeap") / ChildRuns.MiB)):F0} |"));
        }

        md.AppendLine().AppendLine(ChildRuns.Goal(runs, options.RatingRows, GoalRowsPerSecond, string.Empty));
        md.AppendLine().AppendLine("## Every run").AppendLine();
        md.AppendLine("| round | rows | rows/s | peak working set MiB | peak GC heap MiB | billed total |");
        md.AppendLine("|--:|--:|--:|--:|--:|--:|");
        foreach (var run in runs)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {run["round"]} | {long.Parse(run["rows"], CultureInfo.InvariantCulture):N0} | {ChildRuns.RowsPerSecond(run):N0} | {ChildRuns.Number(run, "peakWorkingSet") / ChildRuns.MiB:F0} | {ChildRuns.Number(run, "peakHeap") / ChildRuns.MiB:F0} | {decimal.Parse(run["billed"], CultureInfo.InvariantCulture):F6} |");
        }

        return md.ToString();
    }
}
