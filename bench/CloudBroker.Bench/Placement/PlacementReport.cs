using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace CloudBroker.Bench.Placement;

/// <summary>The placement scenario's markdown report: decision time per concurrency, medians of the rounds, and every run.</summary>
internal static class PlacementReport
{
    public static string Markdown(BenchOptions options, IReadOnlyList<PlacementRun> runs)
    {
        var md = new StringBuilder();
        Line(md, "# Placement: decision time over 1,000 pools and 10,000 realms");
        Line(md);
        Line(md, $"- date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Line(md, $"- machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        Line(md, $"- load average (1/5/15 min) at the end: {CreateMeasurement.LoadAverage()}");
        Line(md, $"- estate: {PlacementWorld.Providers} providers × {PlacementWorld.RealmsPerProvider} realms, {PlacementWorld.PoolsPerProvider} pools each " +
            $"(1,000 pools, 10,000 inventory rows), {PlacementWorld.Tenants} tenants; one in five providers public; see `bench/CloudBroker.Bench/Placement/PlacementWorld.cs`");
        Line(md, $"- measured: `PlacementEngine.Decide` (every filter and weigher, as a create calls it) on {options.Decisions:N0} random orders per run, " +
            "each decision timed alone; per round a fresh estate and a warm-up, then 1 thread, one per core, and 50 threads deciding at once; " +
            $"{options.Rounds} rounds, medians shown. Reading the snapshot from the database (every 2 s and after a process's own claims) and the claim are not part of it");
        Line(md);
        Line(md, "## Result (medians)");
        Line(md);
        Line(md, "| threads deciding at once | decisions/s | CPU p50 ms | **CPU p99 ms** | wall p50 ms | wall p99 ms | wall max ms | candidates per order | passing per order |");
        Line(md, "|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var threads in runs.Select(r => r.Threads).Distinct())
        {
            var of = runs.Where(r => r.Threads == threads).ToList();
            Line(md, string.Create(CultureInfo.InvariantCulture,
                $"| {threads} | {Stats.Median(of.Select(r => r.DecisionsPerSecond)):F0} | {Stats.Median(of.Select(r => r.CpuP50Ms)):F3} | **{Stats.Median(of.Select(r => r.CpuP99Ms)):F3}** | " +
                $"{Stats.Median(of.Select(r => r.P50Ms)):F3} | {Stats.Median(of.Select(r => r.P99Ms)):F3} | " +
                $"{Stats.Median(of.Select(r => r.MaxMs)):F2} | {Stats.Median(of.Select(r => r.Candidates)):F0} | {Stats.Median(of.Select(r => r.Passing)):F0} |"));
        }

        var concurrent = runs.Where(r => r.Threads == PlacementScenario.Concurrent).ToList();
        var p99 = Stats.Median(concurrent.Select(r => r.CpuP99Ms));
        Line(md);
        Line(md, string.Create(CultureInfo.InvariantCulture,
            $"**p99 decision time (the deciding thread's CPU) with {PlacementScenario.Concurrent} concurrent orders: {p99:F3} ms** " +
            $"(goal ≤ {PlacementScenario.GoalP99Ms} ms: {(p99 <= PlacementScenario.GoalP99Ms ? "met" : "NOT met")}); wall p99 {Stats.Median(concurrent.Select(r => r.P99Ms)):F1} ms, " +
            $"which on {Environment.ProcessorCount} cores is mostly waiting for the other {PlacementScenario.Concurrent - 1} decisions to run."));
        Line(md);
        Line(md, "## Every run");
        Line(md);
        Line(md, "| round | threads | decisions | decisions/s | CPU p50 ms | CPU p99 ms | wall p50 ms | wall p99 ms | wall max ms | placeable orders |");
        Line(md, "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var run in runs)
        {
            Line(md, string.Create(CultureInfo.InvariantCulture,
                $"| {run.Round} | {run.Threads} | {run.Ticks.Length} | {run.DecisionsPerSecond:F0} | {run.CpuP50Ms:F3} | {run.CpuP99Ms:F3} | {run.P50Ms:F3} | {run.P99Ms:F3} | {run.MaxMs:F2} | {run.Placeable:P0} |"));
        }

        return md.ToString();
    }

    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');
}
