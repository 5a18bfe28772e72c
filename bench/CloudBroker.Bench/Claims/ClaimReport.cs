using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace CloudBroker.Bench.Claims;

/// <summary>The claims scenario's markdown report: over-commits (goal 0) and claims/s per engine, medians of the rounds, and every run.</summary>
internal static class ClaimReport
{
    public static string Markdown(BenchOptions options, int clients, long capacity, IReadOnlyList<ClaimRun> runs)
    {
        var md = new StringBuilder();
        Line(md, "# Claims: over-commits across concurrent capacity claims (SQLite and PostgreSQL)");
        Line(md);
        Line(md, $"- date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Line(md, $"- machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        Line(md, $"- load average (1/5/15 min) at the end: {CreateMeasurement.LoadAverage()}");
        Line(md, string.Create(CultureInfo.InvariantCulture,
            $"- per run: a fresh broker and database, one pool on the mock provider whose realm `{ClaimScenario.RealmId}` may allocate {capacity:N0} vCPUs, " +
            $"then {options.ClaimCount:N0} creates of 1 vCPU in that realm through `POST /api/instances`, {clients} at a time (spread over the API processes): " +
            $"every create claims on the same inventory row; {options.Rounds} rounds, engine order alternating, medians shown"));
        Line(md, "- SQLite: the embedded broker (every role, one process; the accepted machines are provisioned meanwhile). PostgreSQL: two API-only " +
            "processes on one database, no worker (nothing is provisioned: the run is the claims alone)");
        Line(md, "- over-commits: claims taken beyond what the row may allocate (max of accepted creates and the row's counter, less the capacity); " +
            "exact: the row's counter = the sum of its claims = the accepted creates");
        Line(md);
        Line(md, "## Result (medians)");
        Line(md);
        Line(md, "| engine | claims | accepted | refused (capacity) | other answers | claims/s | over-commits (all runs) | exact in every run |");
        Line(md, "|---|--:|--:|--:|--:|--:|--:|---|");
        foreach (var engine in new[] { ClaimScenario.Sqlite, ClaimScenario.Postgres })
        {
            var of = runs.Where(r => r.Engine == engine).ToList();
            Line(md, string.Create(CultureInfo.InvariantCulture,
                $"| {engine} | {options.ClaimCount:N0} | {Stats.Median(of.Select(r => (double)r.Burst.Accepted)):F0} | {Stats.Median(of.Select(r => (double)r.Burst.RefusedForCapacity)):F0} | " +
                $"{Stats.Median(of.Select(r => (double)r.Burst.Other)):F0} | {Stats.Median(of.Select(r => r.Burst.ClaimsPerSecond)):F0} | **{of.Sum(r => r.Overcommits)}** | {(of.All(r => r.Exact) ? "yes" : "NO")} |"));
        }

        var total = runs.Sum(r => r.Overcommits);
        Line(md);
        Line(md, $"**Over-commits across {runs.Count} runs of {options.ClaimCount:N0} concurrent claims: {total}** (goal 0: {(total == 0 ? "met" : "NOT met")}).");
        Line(md);
        Line(md, "## Every run");
        Line(md);
        Line(md, "| round | engine | accepted | refused | other | seconds | claims/s | allocated | claims stored | over-commits | exact |");
        Line(md, "|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|---|");
        foreach (var run in runs)
        {
            Line(md, string.Create(CultureInfo.InvariantCulture,
                $"| {run.Round} | {run.Engine} | {run.Burst.Accepted} | {run.Burst.RefusedForCapacity} | {run.Burst.Other} | {run.Burst.Elapsed.TotalSeconds:F1} | " +
                $"{run.Burst.ClaimsPerSecond:F0} | {run.Ledger.AllocatedCpu} | {run.Ledger.Claims} | {run.Overcommits} | {(run.Exact ? "yes" : "NO")} |"));
        }

        if (runs.FirstOrDefault(r => r.Burst.FirstOther is not null) is { } odd)
        {
            Line(md);
            Line(md, $"First other answer (round {odd.Round}, {odd.Engine}): `{odd.Burst.FirstOther}`");
        }

        return md.ToString();
    }

    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');
}
