using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace CloudBroker.Bench;

/// <summary>The quotas scenario's markdown report: accept rate with and without quota accounting, medians of the rounds, and every round.</summary>
internal static class QuotaReport
{
    public static string Markdown(BenchOptions options, int clients, IReadOnlyList<(string Variant, CreateRun Run)> runs)
    {
        var md = new StringBuilder();
        Line(md, "# Quotas: accept rate of creates with quota accounting on vs off (embedded, SQLite)");
        Line(md);
        Line(md, $"- date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Line(md, $"- machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        Line(md, $"- load average (1/5/15 min) at the end: {CreateMeasurement.LoadAverage()}");
        Line(md, $"- per run: a fresh API and data folder, {options.Prime.TotalSeconds:0.#} s of creates to prime it (then drained), " +
            $"{options.Duration.TotalSeconds:0.#} s of creates measured at {clients} concurrent clients, then drained; {options.Rounds} rounds, order alternating, medians shown");
        Line(md, "- API settings: " + CreateReport.Settings(CreateScenario.Settings, options));
        Line(md, "- on: `PUT /api/quotas/{tenant/system, group/system, user/admin}` with every limit far above the run (each create checks and counts " +
            "four scope rows: tenant, group, user, provider); off: `CloudBroker__Quotas__Enabled=false` (no reservation rows, no counters)");
        Line(md);

        var off = Median(runs, QuotaScenario.Off, r => r.Load.AcceptedPerSecond);
        var on = Median(runs, QuotaScenario.On, r => r.Load.AcceptedPerSecond);
        var overhead = 1 - (on / off);
        Line(md, "## Result (medians)");
        Line(md);
        Line(md, "| variant | accepted/s | POST p50 ms | POST p99 ms | running/s | accept→running p95 ms | broker CPU ms/create | errors |");
        Line(md, "|---|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var variant in new[] { QuotaScenario.Off, QuotaScenario.On })
        {
            Line(md, string.Create(CultureInfo.InvariantCulture,
                $"| {variant} | {Median(runs, variant, r => r.Load.AcceptedPerSecond):F0} | {Median(runs, variant, r => r.Load.P50Ms):F1} | " +
                $"{Median(runs, variant, r => r.Load.P99Ms):F1} | {Median(runs, variant, r => r.RunningPerSecond):F0} | {Median(runs, variant, r => r.P95Ms):F0} | " +
                $"{Median(runs, variant, r => r.ServerCpuMsPerCreate):F2} | {runs.Where(r => r.Variant == variant).Sum(r => r.Run.Load.Errors)} |"));
        }

        Line(md);
        Line(md, string.Create(CultureInfo.InvariantCulture,
            $"**Overhead of quota accounting on the accept rate: {overhead:P1}** (goal ≤ {QuotaScenario.GoalOverhead:P0}: {(overhead <= QuotaScenario.GoalOverhead ? "met" : "NOT met")})."));
        Line(md);
        Line(md, "## Every run");
        Line(md);
        Line(md, "| round | variant | accepted | accepted/s | POST p50 ms | POST p99 ms | running/s | drained | errors |");
        Line(md, "|--:|---|--:|--:|--:|--:|--:|---|--:|");
        foreach (var (variant, run) in runs)
        {
            Line(md, string.Create(CultureInfo.InvariantCulture,
                $"| {run.Round} | {variant} | {run.Load.InstanceIds.Count} | {run.Load.AcceptedPerSecond:F0} | {run.Load.P50Ms:F1} | {run.Load.P99Ms:F1} | " +
                $"{run.RunningPerSecond:F0} | {(run.Drained ? "yes" : "NO")} | {run.Load.Errors} |"));
        }

        return md.ToString();
    }

    private static double Median(IReadOnlyList<(string Variant, CreateRun Run)> runs, string variant, Func<CreateRun, double> pick) =>
        Stats.Median(runs.Where(r => r.Variant == variant).Select(r => pick(r.Run)));

    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');
}
