using System.Globalization;

namespace CloudBroker.Bench;

/// <summary>
/// The export scenario: <see cref="ExportChild"/> writes a tenth of the row count, the full count (default 10 M) and twice
/// it, to Parquet and to CSV, each in a fresh process with workstation GC, for <c>--rounds</c> rounds; medians of rows/s
/// and peak memory, to show the rate and that memory does not grow with the row count.
/// </summary>
internal static class ExportScenario
{
    public const double GoalRowsPerSecond = 330_000;

    public static async Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var counts = new[] { options.RatingRows / 10, options.RatingRows, options.RatingRows * 2 };
        var runs = new List<Dictionary<string, string>>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var format in new[] { "parquet", "csv" })
            {
                foreach (var rows in counts)
                {
                    runs.Add(await ChildRuns.RunAsync([ExportChild.Flag, rows.ToString(CultureInfo.InvariantCulture), format], round, TimeSpan.FromMinutes(30), cancellationToken));
                }
            }
        }

        return Markdown(options, runs);
    }

    private static string Markdown(BenchOptions options, List<Dictionary<string, string>> runs)
    {
        var md = ChildRuns.Header("Accounting: FOCUS 1.2 exports to Parquet and CSV");
        md.AppendLine("- per run: a fresh process (workstation GC); synthetic rated charges made as they are read (never held), each mapped to its " +
            "45-column FOCUS row and written to a local file — Parquet (DECIMAL(38,28), Snappy, dictionary-encoded strings, row groups of 65,536, " +
            "a group written on a second thread while the next fills) or CSV (RFC 4180, UTF-8)");
        md.AppendLine(CultureInfo.InvariantCulture, $"- {options.Rounds} rounds, medians shown").AppendLine();
        md.AppendLine("| format | rows | rows/s | seconds | MiB written | peak working set MiB | peak GC heap MiB |");
        md.AppendLine("|--|--:|--:|--:|--:|--:|--:|");
        foreach (var group in runs.GroupBy(r => (r["format"], r["rows"])))
        {
            md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {group.Key.Item1} | {long.Parse(group.Key.Item2, CultureInfo.InvariantCulture):N0} | {Stats.Median(group.Select(ChildRuns.RowsPerSecond)):N0} | {Stats.Median(group.Select(r => ChildRuns.Number(r, "seconds"))):F1} | ") +
                string.Create(CultureInfo.InvariantCulture,
                $"{Stats.Median(group.Select(r => ChildRuns.Number(r, "bytes") / ChildRuns.MiB)):F0} | {Stats.Median(group.Select(r => ChildRuns.Number(r, "peakWorkingSet") / ChildRuns.MiB)):F0} | {Stats.Median(group.Select(r => ChildRuns.Number(r, "peakHeap") / ChildRuns.MiB)):F0} |"));
        }

        md.AppendLine().AppendLine(ChildRuns.Goal(runs.Where(r => r["format"] == "parquet"), options.RatingRows, GoalRowsPerSecond, " to Parquet"));
        return md.ToString();
    }
}
