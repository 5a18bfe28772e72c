using System.Text;

namespace CloudBroker.Bench;

/// <summary>The goal a creates report checks: creates reaching running per second, and (if set) the p95 from acceptance to running.</summary>
internal sealed record CreateGoal(double PerSecond, double? P95Ms)
{
    public string Describe() => P95Ms is { } p95 ? $"≥ {PerSecond:F0}/s, p95 ≤ {p95:F0} ms" : $"≥ {PerSecond:F0}/s";

    public string Check(double perSecond, double p95)
    {
        var misses = new List<string>();
        if (!(perSecond >= PerSecond))
        {
            misses.Add($"{perSecond:F0}/s < {PerSecond:F0}/s");
        }

        if (P95Ms is { } goal && !(p95 <= goal))
        {
            misses.Add($"p95 {p95:F0} ms > {goal:F0} ms");
        }

        return misses.Count == 0 ? "met" : "**NOT met**: " + string.Join("; ", misses);
    }
}

/// <summary>The sections every creates report shares, embedded or scaled out: the headline, where the time goes, every round.</summary>
internal static class CreateReportSections
{
    public static void Headline(StringBuilder md, BenchOptions options, IReadOnlyList<CreateRun> runs, CreateGoal goal)
    {
        Line(md, "## Creates reaching running (medians)");
        Line(md);
        Line(md, "Server-side latency: each instance's `running` event time minus its creation event time (both stamped by the broker). " +
            "Throughput: instances that reached running ÷ (last running − first acceptance). CPU: all broker processes together.");
        Line(md);
        Line(md, $"| clients | accepted POST/s | POST p50 ms | POST p99 ms | running/s | accept→running p50 ms | p95 ms | p99 ms | broker ms CPU/create | goal ({goal.Describe()}) |");
        Line(md, "|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|");
        foreach (var clients in options.Clients)
        {
            var of = runs.Where(r => r.Clients == clients).ToList();
            var perSecond = Stats.Median(of.Select(r => r.RunningPerSecond));
            var p95 = Stats.Median(of.Select(r => r.P95Ms));
            Line(md, $"| {clients} | {Stats.Median(of.Select(r => r.Load.AcceptedPerSecond)):F0} | {Stats.Median(of.Select(r => r.Load.P50Ms)):F1} " +
                $"| {Stats.Median(of.Select(r => r.Load.P99Ms)):F1} | {perSecond:F0} | {Stats.Median(of.Select(r => r.P50Ms)):F0} | {p95:F0} " +
                $"| {Stats.Median(of.Select(r => r.P99Ms)):F0} | {Stats.Median(of.Select(r => r.ServerCpuMsPerCreate)):F2} | {goal.Check(perSecond, p95)} |");
        }

        Line(md);
    }

    public static void Stages(StringBuilder md, BenchOptions options, IReadOnlyList<CreateRun> runs)
    {
        Line(md, "## Where a create's time goes (medians over rounds of each stage's p50 and p95)");
        Line(md);
        Line(md, "From the instance's events (accept, the operation's move to running just before the provider call, the instance's move to " +
            "running just after it) and the outbox rows (claimed = `LockedUntil` − claim lease; `SentAt`). Times are stamped before their " +
            "transaction commits; the last line bounds the running step's commit from above by when the dispatcher claimed the row that commit wrote.");
        Line(md);
        Line(md, "| clients | stage | p50 ms | p95 ms | p99 ms |");
        Line(md, "|--:|---|--:|--:|--:|");
        foreach (var clients in options.Clients)
        {
            var of = runs.Where(r => r.Clients == clients).ToList();
            foreach (var stage in of[0].Stages.Select(s => s.Stage))
            {
                Line(md, $"| {clients} | {stage} | {Stats.Median(of.Select(r => Stats.Percentile(r.Stage(stage), 0.50))):F1} " +
                    $"| {Stats.Median(of.Select(r => Stats.Percentile(r.Stage(stage), 0.95))):F1} | {Stats.Median(of.Select(r => Stats.Percentile(r.Stage(stage), 0.99))):F1} |");
            }
        }

        Line(md);
        Line(md, $"Pauses: stretches of ≥ {CallPauses.Threshold.TotalMilliseconds:0} ms in which the broker started no provider call at all, " +
            "between the run's first and last call (medians over rounds):");
        Line(md);
        Line(md, "| clients | pauses | total s | share of the calls' span |");
        Line(md, "|--:|--:|--:|--:|");
        foreach (var clients in options.Clients)
        {
            var of = runs.Where(r => r.Clients == clients).ToList();
            Line(md, $"| {clients} | {Stats.Median(of.Select(r => (double)r.Pauses.Count)):F0} | {Stats.Median(of.Select(r => r.Pauses.Total.TotalSeconds)):F1} " +
                $"| {Stats.Median(of.Select(r => r.Pauses.Share)):P0} |");
        }

        Line(md);
    }

    public static void Rounds(StringBuilder md, IReadOnlyList<CreateRun> runs)
    {
        Line(md, "## Every round");
        Line(md);
        Line(md, "Cores: CPU time ÷ wall time from the start of the load to the end of the drain, of the broker's processes together and of the harness. " +
            "Runnable waiting: the broker's threads' run-queue wait (`/proc/<pid>/task/*/schedstat`) ÷ wall time, i.e. how many of its threads " +
            "were ready to run but had no CPU, on average.");
        Line(md);
        Line(md, "| round | clients | accepted | POST errors | accepted/s | POST p50 ms | POST p99 ms | running | failed | unsettled | running/s " +
            "| p50 ms | p95 ms | p99 ms | max ms | drain s | dispatcher batches | broker ms CPU/create | broker cores | client cores | broker runnable waiting | broker threads start/max | load avg |");
        Line(md, "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|---|");
        foreach (var r in runs)
        {
            Line(md, $"| {r.Round} | {r.Clients} | {r.Load.InstanceIds.Count} | {r.Load.Errors} | {r.Load.AcceptedPerSecond:F0} | {r.Load.P50Ms:F1} | {r.Load.P99Ms:F1} " +
                $"| {r.Running} | {r.Failed} | {r.Unsettled}{(r.Drained ? "" : " (drain timed out)")} | {r.RunningPerSecond:F0} | {r.P50Ms:F0} | {r.P95Ms:F0} | {r.P99Ms:F0} | {r.MaxMs:F0} " +
                $"| {r.DrainTime.TotalSeconds:F1} | {r.DispatcherBatches} | {r.ServerCpuMsPerCreate:F2} | {r.ServerCores:F2} | {r.ClientCores:F2} | {r.ServerRunnableWaiting:F2} | {r.ThreadsAtStart}/{r.MaxThreads} | {r.LoadAverage} |");
        }

        if (runs.FirstOrDefault(r => r.Load.FirstError is not null) is { } failing)
        {
            Line(md);
            Line(md, $"First POST error (round {failing.Round}): `{failing.Load.FirstError!.ReplaceLineEndings(" ")}`");
        }

        Line(md);
    }

    public static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');
}
