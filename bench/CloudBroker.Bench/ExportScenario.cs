using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

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
        var self = typeof(ExportScenario).Assembly.Location;
        var counts = new[] { options.RatingRows / 10, options.RatingRows, options.RatingRows * 2 };
        var runs = new List<Dictionary<string, string>>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var format in new[] { "parquet", "csv" })
            {
                foreach (var rows in counts)
                {
                    var output = await ChildCommand.RunAsync("dotnet", [self, ExportChild.Flag, rows.ToString(CultureInfo.InvariantCulture), format],
                        new Dictionary<string, string> { ["DOTNET_gcServer"] = "0" }, TimeSpan.FromMinutes(30), cancellationToken);
                    var result = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith("rows=", StringComparison.Ordinal))
                        .Split(' ').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
                    result["round"] = round.ToString(CultureInfo.InvariantCulture);
                    runs.Add(result);
                    Console.WriteLine($"round {round}: {string.Join(' ', result.Select(p => $"{p.Key}={p.Value}"))}");
                }
            }
        }

        return Markdown(options, runs);
    }

    private static string Markdown(BenchOptions options, List<Dictionary<string, string>> runs)
    {
        static double Number(Dictionary<string, string> run, string key) => double.Parse(run[key], CultureInfo.InvariantCulture);
        static double RowsPerSecond(Dictionary<string, string> run) => Number(run, "rows") / Number(run, "seconds");
        const double MiB = 1024 * 1024;
        var md = new StringBuilder();
        md.AppendLine("# Accounting: FOCUS 1.2 exports to Parquet and CSV").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine(CultureInfo.InvariantCulture, $"- machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        md.AppendLine("- per run: a fresh process (workstation GC); synthetic rated charges made as they are read (never held), each mapped to its " +
            "45-column FOCUS row and written to a local file — Parquet (DECIMAL(38,28), Snappy, row groups of 65,536) or CSV (RFC 4180, UTF-8)");
        md.AppendLine(CultureInfo.InvariantCulture, $"- {options.Rounds} rounds, medians shown").AppendLine();
        md.AppendLine("| format | rows | rows/s | seconds | MiB written | peak working set MiB | peak GC heap MiB |");
        md.AppendLine("|--|--:|--:|--:|--:|--:|--:|");
        foreach (var group in runs.GroupBy(r => (r["format"], r["rows"])))
        {
            md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {group.Key.Item1} | {long.Parse(group.Key.Item2, CultureInfo.InvariantCulture):N0} | {Stats.Median(group.Select(RowsPerSecond)):N0} | {Stats.Median(group.Select(r => Number(r, "seconds"))):F1} | ") +
                string.Create(CultureInfo.InvariantCulture,
                $"{Stats.Median(group.Select(r => Number(r, "bytes") / MiB)):F0} | {Stats.Median(group.Select(r => Number(r, "peakWorkingSet") / MiB)):F0} | {Stats.Median(group.Select(r => Number(r, "peakHeap") / MiB)):F0} |"));
        }

        var goalRows = options.RatingRows.ToString(CultureInfo.InvariantCulture);
        var parquet = Stats.Median(runs.Where(r => r["rows"] == goalRows && r["format"] == "parquet").Select(RowsPerSecond));
        md.AppendLine().AppendLine(CultureInfo.InvariantCulture,
            $"**{parquet:N0} rows/s to Parquet at {options.RatingRows:N0} rows** (goal ≥ {GoalRowsPerSecond:N0}: {(parquet >= GoalRowsPerSecond ? "met" : "NOT met")}).");
        return md.ToString();
    }
}
