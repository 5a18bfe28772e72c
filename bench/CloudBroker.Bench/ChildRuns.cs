using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace CloudBroker.Bench;

/// <summary>
/// The plumbing of the scenarios that measure one run per fresh process (rating, exports): start this harness again
/// as a child with workstation GC (so its peak working set is its own), read back the one line of <c>key=value</c>
/// pairs it ends with, and the numbers and report lines every such scenario shares.
/// </summary>
internal static class ChildRuns
{
    public const double MiB = 1024 * 1024;

    /// <summary>Runs this harness with <paramref name="args"/>; the pairs of its last <c>rows=</c> line, with the round added.</summary>
    public static async Task<Dictionary<string, string>> RunAsync(IEnumerable<string> args, int round, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var self = typeof(ChildRuns).Assembly.Location;
        var output = await ChildCommand.RunAsync("dotnet", [self, .. args],
            new Dictionary<string, string> { ["DOTNET_gcServer"] = "0" }, timeout, cancellationToken);
        var result = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith("rows=", StringComparison.Ordinal))
            .Split(' ').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        result["round"] = round.ToString(CultureInfo.InvariantCulture);
        Console.WriteLine($"round {round}: {string.Join(' ', result.Select(p => $"{p.Key}={p.Value}"))}");
        return result;
    }

    public static double Number(Dictionary<string, string> run, string key) => double.Parse(run[key], CultureInfo.InvariantCulture);

    public static double RowsPerSecond(Dictionary<string, string> run) => Number(run, "rows") / Number(run, "seconds");

    /// <summary>The report's title and the lines that say when and where it was measured.</summary>
    public static StringBuilder Header(string title)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# {title}").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine(CultureInfo.InvariantCulture, $"- machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        return md;
    }

    /// <summary>The median rate at the goal's row count, and whether it meets the goal.</summary>
    public static string Goal(IEnumerable<Dictionary<string, string>> runs, long rows, double goal, string what)
    {
        var rate = Stats.Median(runs.Where(r => r["rows"] == rows.ToString(CultureInfo.InvariantCulture)).Select(RowsPerSecond));
        return string.Create(CultureInfo.InvariantCulture, $"**{rate:N0} rows/s{what} at {rows:N0} rows** (goal ≥ {goal:N0}: {(rate >= goal ? "met" : "NOT met")}).");
    }
}
