using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace CloudBroker.Bench;

/// <summary>The creates scenario's markdown report: medians of the rounds, the raw baselines, the ratios, the stages, every round.</summary>
internal static class CreateReport
{
    public const double GoalPerSecond = 500;
    public const double GoalP95Ms = 250;

    public static string Markdown(BenchOptions options, SqliteFacts facts, IReadOnlyList<BaselineRound> baselines, IReadOnlyList<CreateRun> runs)
    {
        var md = new StringBuilder();
        Line(md, "# Creates: POST /api/instances → running (mock provider, boot delay 0), beside raw SQLite and bus");
        Line(md);
        Line(md, $"- date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Line(md, $"- machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; " +
            $"temporary files on {FileSystemOf(Path.GetTempPath())}");
        Line(md, $"- load average (1/5/15 min) at the end: {File.ReadAllText("/proc/loadavg").Split(' ').Take(3).Aggregate((a, b) => a + " " + b)}");
        Line(md, $"- per run: a fresh API and data folder, {options.Prime.TotalSeconds:0.#} s of creates to prime it (then drained), " +
            $"{options.Duration.TotalSeconds:0.#} s of creates measured, then up to {options.DrainTimeout.TotalSeconds:0} s for every accepted instance to settle; " +
            $"{options.Rounds} rounds, medians shown");
        Line(md, "- API settings: " + string.Join(", ", CreateScenario.Settings.Select(s => $"`{s.Key}={s.Value}`")));
        Line(md, $"- SQLite {facts.Version} (the bundle Microsoft.Data.Sqlite loads, in the API and here): default `synchronous` {facts.DefaultSynchronous}; " +
            $"compile options: {string.Join(", ", facts.RelevantCompileOptions.Select(o => $"`{o}`"))}");
        Line(md);

        Line(md, "## Creates reaching running (medians)");
        Line(md);
        Line(md, "Server-side latency: each instance's `running` event time minus its creation event time (both stamped by the API). " +
            "Throughput: instances that reached running ÷ (last running − first acceptance).");
        Line(md);
        Line(md, "| clients | accepted POST/s | POST p50 ms | POST p99 ms | running/s | accept→running p50 ms | p95 ms | p99 ms | server ms CPU/create | goal (≥ 500/s, p95 ≤ 250 ms) |");
        Line(md, "|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|");
        foreach (var clients in options.Clients)
        {
            var of = runs.Where(r => r.Clients == clients).ToList();
            var perSecond = Stats.Median(of.Select(r => r.RunningPerSecond));
            var p95 = Stats.Median(of.Select(r => r.P95Ms));
            Line(md, $"| {clients} | {Stats.Median(of.Select(r => r.Load.AcceptedPerSecond)):F0} | {Stats.Median(of.Select(r => r.Load.P50Ms)):F1} " +
                $"| {Stats.Median(of.Select(r => r.Load.P99Ms)):F1} | {perSecond:F0} | {Stats.Median(of.Select(r => r.P50Ms)):F0} | {p95:F0} " +
                $"| {Stats.Median(of.Select(r => r.P99Ms)):F0} | {Stats.Median(of.Select(r => r.ServerCpuMsPerCreate)):F2} | {Goal(perSecond, p95)} |");
        }

        Line(md);
        Line(md, "## Raw baselines, same run, in the harness process (medians)");
        Line(md);
        Line(md, "SQLite: single-row INSERT transactions (`BEGIN IMMEDIATE`, as EF Core's SaveChanges; one row of the outbox's shape; commit) " +
            $"into a fresh WAL file, {options.SqliteSeconds.TotalSeconds:0.#} s per run, each writer a thread with its own pooled connection. " +
            "`as broker` is what the API's database gets from EF Core: `journal_mode=wal` and nothing else, so no `busy_timeout`: " +
            "a writer that finds the write lock taken gets SQLITE_BUSY and Microsoft.Data.Sqlite retries after `Thread.Sleep(150)`.");
        Line(md);
        Line(md, "| SQLite connection settings | writers | tx/s | p50 ms | p99 ms | max ms |");
        Line(md, "|---|--:|--:|--:|--:|--:|");
        foreach (var (variant, writers) in baselines.SelectMany(b => b.Sqlite).Select(s => (s.Variant, s.Writers)).Distinct())
        {
            var of = baselines.Select(b => b.Of(variant, writers)).ToList();
            Line(md, $"| {variant.Name}: {variant.Description} | {writers} | {Stats.Median(of.Select(s => s.TransactionsPerSecond)):F0} " +
                $"| {Stats.Median(of.Select(s => s.P50Ms)):F2} | {Stats.Median(of.Select(s => s.P99Ms)):F2} | {Stats.Median(of.Select(s => s.MaxMs)):F1} |");
        }

        var bus = Stats.Median(baselines.Select(b => b.Bus.MessagesPerSecond));
        Line(md);
        Line(md, $"Bus: MassTransit in-memory, configured as the API's (`UsingInMemory`, `ConfigureEndpoints`, one consumer), " +
            $"{options.BusMessages} messages from 32 concurrent publishers, timed until the consumer has seen the last: **{bus:F0} messages/s**. " +
            $"The endpoint ran at most {baselines.Max(b => b.Bus.ConsumerConcurrency)} consumers at once when each awaited 10 ms, but " +
            $"{baselines.Max(b => b.Bus.BlockingConsumerConcurrency)} when each blocked its thread for 10 ms before returning its task, as the API's " +
            "consumers do inside SQLite (Microsoft.Data.Sqlite's async methods complete synchronously): the endpoint hands out the next " +
            "message only when the consumer call returns.");
        Line(md);

        Line(md, "## Ratios");
        Line(md);
        Line(md, "A create costs, in the API's database, 2 write transactions of its own (the accept: instance, operation, 2 history rows, " +
            "outbox row; the ExecuteOperation step: inbox row, operation, instance, 3 history rows, InstanceStateChanged outbox row) " +
            "plus the dispatcher's 2 per batch (claim; mark sent) over its 2 outbox rows; 1 write transaction in the mock's own file; " +
            "2 bus publishes (ExecuteOperation, consumed; InstanceStateChanged, no consumer in the process). " +
            "`API write tx/create` counts the dispatcher's batches actually seen (distinct claim times of the run's rows).");
        Line(md);
        Line(md, "| clients | running/s | ÷ SQLite as broker, 1 writer | ÷ SQLite as broker, 32 writers | API write tx/create | API write tx/s ÷ SQLite as broker, 32 writers | ÷ bus msg/s | bus msg/s used (2/create) |");
        Line(md, "|--:|--:|--:|--:|--:|--:|--:|--:|");
        var one = Stats.Median(baselines.Select(b => b.Of(RawSqlite.AsBroker, 1).TransactionsPerSecond));
        var many = Stats.Median(baselines.Select(b => b.Of(RawSqlite.AsBroker, 32).TransactionsPerSecond));
        foreach (var clients in options.Clients)
        {
            var of = runs.Where(r => r.Clients == clients).ToList();
            var perSecond = Stats.Median(of.Select(r => r.RunningPerSecond));
            var txPerCreate = Stats.Median(of.Select(r => r.WriteTransactionsPerCreate));
            Line(md, $"| {clients} | {perSecond:F0} | {perSecond / one:F3} | {perSecond / many:F3} | {txPerCreate:F2} | {perSecond * txPerCreate / many:F2} " +
                $"| {perSecond / bus:F4} | {2 * perSecond / bus:P1} |");
        }

        Line(md);
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
        Line(md, $"Pauses: stretches of ≥ {CallPauses.Threshold.TotalMilliseconds:0} ms in which the API started no provider call at all, " +
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
        Line(md, "## Every round");
        Line(md);
        Line(md, "Cores: CPU time ÷ wall time from the start of the load to the end of the drain, of the API and of the harness. " +
            "Runnable waiting: the API's threads' run-queue wait (`/proc/<pid>/task/*/schedstat`) ÷ wall time, i.e. how many of its threads " +
            "were ready to run but had no CPU, on average.");
        Line(md);
        Line(md, "| round | clients | accepted | POST errors | accepted/s | POST p50 ms | POST p99 ms | running | failed | unsettled | running/s " +
            "| p50 ms | p95 ms | p99 ms | max ms | drain s | dispatcher batches | server ms CPU/create | server cores | client cores | server runnable waiting | server threads start/max | load avg |");
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
        Line(md, "| round | baseline | writers / publishers | per s | p50 ms | p99 ms | max ms |");
        Line(md, "|--:|---|--:|--:|--:|--:|--:|");
        foreach (var b in baselines)
        {
            foreach (var s in b.Sqlite)
            {
                Line(md, $"| {b.Round} | SQLite {s.Variant.Name} | {s.Writers} | {s.TransactionsPerSecond:F0} | {s.P50Ms:F2} | {s.P99Ms:F2} | {s.MaxMs:F1} |");
            }

            Line(md, $"| {b.Round} | bus | {b.Bus.Publishers} | {b.Bus.MessagesPerSecond:F0} | | | |");
        }

        return md.ToString();
    }

    private static string Goal(double perSecond, double p95)
    {
        var misses = new List<string>();
        if (!(perSecond >= GoalPerSecond))
        {
            misses.Add($"{perSecond:F0}/s < {GoalPerSecond:F0}/s");
        }

        if (!(p95 <= GoalP95Ms))
        {
            misses.Add($"p95 {p95:F0} ms > {GoalP95Ms:F0} ms");
        }

        return misses.Count == 0 ? "met" : "**NOT met**: " + string.Join("; ", misses);
    }

    /// <summary>The type of the file system holding <paramref name="path"/> (longest matching mount point in /proc/mounts).</summary>
    private static string FileSystemOf(string path)
    {
        if (!File.Exists("/proc/mounts"))
        {
            return "n/a";
        }

        var full = Path.GetFullPath(path);
        var best = File.ReadLines("/proc/mounts")
            .Select(l => l.Split(' '))
            .Where(f => f.Length > 2 && full.StartsWith(f[1], StringComparison.Ordinal))
            .MaxBy(f => f[1].Length);
        return best is null ? "n/a" : string.Create(CultureInfo.InvariantCulture, $"{best[2]} ({best[1]})");
    }

    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');
}
