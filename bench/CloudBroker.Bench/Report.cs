using System.Runtime.InteropServices;
using System.Text;

namespace CloudBroker.Bench;

/// <summary>The markdown report: medians per (clients, target), the API/bare ratio, then every round.</summary>
internal static class Report
{
    public const double Goal = 0.4;

    public static string Markdown(BenchOptions options, IReadOnlyDictionary<string, int> bodies, IReadOnlyList<RoundResult> results)
    {
        var md = new StringBuilder();
        Line(md, $"# GET /api/instances/{{id}}: CloudBroker API vs bare Kestrel");
        Line(md);
        Line(md, $"- date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Line(md, $"- machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        Line(md, $"- load average (1/5/15 min) at the end: {LoadAverage()}");
        Line(md, $"- per run: {options.Warmup.TotalSeconds:0.#} s warm-up, {options.Duration.TotalSeconds:0.#} s measured; {options.Rounds} rounds, medians shown;" +
            $" each server primed for {options.Prime.TotalSeconds:0.#} s at {options.Clients.Max()} clients first");
        Line(md, $"- response bodies: API {bodies[Bench.Api]} bytes, bare {bodies[Bench.Bare]} bytes");
        Line(md);
        Line(md, "| clients | API req/s | API p50 ms | API p99 ms | bare req/s | bare p50 ms | bare p99 ms | API/bare req/s |");
        Line(md, "|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var clients in options.Clients)
        {
            var api = Of(results, Bench.Api, clients);
            var bare = Of(results, Bench.Bare, clients);
            var apiRps = Median(api.Select(m => m.RequestsPerSecond));
            var bareRps = Median(bare.Select(m => m.RequestsPerSecond));
            var ratio = apiRps / bareRps;
            Line(md, $"| {clients} | {apiRps:F0} | {Median(api.Select(m => m.P50Ms)):F2} | {Median(api.Select(m => m.P99Ms)):F2} " +
                $"| {bareRps:F0} | {Median(bare.Select(m => m.P50Ms)):F2} | {Median(bare.Select(m => m.P99Ms)):F2} " +
                $"| {ratio:F2} {(ratio >= Goal ? "(goal ≥ 0.4 met)" : "(below goal 0.4)")} |");
        }

        Line(md);
        Line(md, "Server CPU time per request (medians): the cost that does not depend on the load generator sharing the cores.");
        Line(md, "At 1 client it includes the thread pool's spin-waiting between requests; at the highest client count,");
        Line(md, "bare/API estimates the req/s ratio on a server whose cores are all its own.");
        Line(md);
        Line(md, "| clients | API µs CPU/req | bare µs CPU/req | bare/API |");
        Line(md, "|--:|--:|--:|--:|");
        foreach (var clients in options.Clients)
        {
            var api = Median(Of(results, Bench.Api, clients).Select(m => m.ServerCpuMicroseconds));
            var bare = Median(Of(results, Bench.Bare, clients).Select(m => m.ServerCpuMicroseconds));
            Line(md, $"| {clients} | {api:F0} | {bare:F0} | {bare / api:F2} |");
        }

        Line(md);
        Line(md, "## Every round");
        Line(md);
        Line(md, "In run order. Cores: CPU time / wall time of the server and of the load generator during the run.");
        Line(md);
        Line(md, "| round | target | clients | requests | errors | req/s | p50 ms | p99 ms | server µs CPU/req | server cores | client cores |");
        Line(md, "|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var r in results)
        {
            var m = r.Measurement;
            Line(md, $"| {r.Round} | {r.Target} | {m.Clients} | {m.SortedTicks.Length} | {m.Errors} | {m.RequestsPerSecond:F0} | {m.P50Ms:F2} | {m.P99Ms:F2} " +
                $"| {m.ServerCpuMicroseconds:F0} | {m.ServerCores:F2} | {m.ClientCores:F2} |");
        }

        return md.ToString();
    }

    private static List<Measurement> Of(IEnumerable<RoundResult> results, string target, int clients) =>
        [.. results.Where(r => r.Target == target && r.Measurement.Clients == clients).Select(r => r.Measurement)];

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');
}
