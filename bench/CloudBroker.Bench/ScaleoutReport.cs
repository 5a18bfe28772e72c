using System.Runtime.InteropServices;
using System.Text;
using static CloudBroker.Bench.CreateReportSections;

namespace CloudBroker.Bench;

/// <summary>The scaleout scenario's markdown report: the creates headline, CPU per process, the raw baselines, what a create costs, the ratios, then the shared sections.</summary>
internal static class ScaleoutReport
{
    private static readonly string[] Tables = ["instances", "operations", "instance_events", "outbox", "inbox"];

    public static string Markdown(BenchOptions options, string postgres, IReadOnlyList<ScaleoutBaselines> baselines, IReadOnlyList<ScaleoutRun> results)
    {
        var scaleout = options.Scaleout;
        var runs = results.Select(r => r.Run).ToList();
        var md = new StringBuilder();
        Line(md, $"# Scaled-out creates: {scaleout.Apis} API + {scaleout.Workers} worker processes on PostgreSQL and RabbitMQ, beside raw pgbench and RabbitMQ publishes");
        Line(md);
        Line(md, $"- date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Line(md, $"- machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; " +
            $"temporary files on {CreateReport.FileSystemOf(Path.GetTempPath())}; everything (broker, PostgreSQL, RabbitMQ, load generator) on these cores");
        Line(md, $"- load average (1/5/15 min) at the end: {CreateMeasurement.LoadAverage()}");
        Line(md, $"- per run: a fresh PostgreSQL database (migrated with `CloudBroker.Worker.dll migrate`), RabbitMQ vhost and data folder; " +
            $"{scaleout.Apis} API processes (`CloudBroker__Roles=api`) and {scaleout.Workers} worker processes; the clients spread evenly over the APIs; " +
            $"{options.Prime.TotalSeconds:0.#} s of creates to prime (then drained), {options.Duration.TotalSeconds:0.#} s of creates measured, " +
            $"then up to {options.DrainTimeout.TotalSeconds:0} s for every accepted instance to settle; {options.Rounds} rounds, medians shown");
        Line(md, "- broker settings: " + CreateReport.Settings(CreateScenario.Settings, options) +
            (scaleout.AfterMigrate is { } sql ? $"; **what-if: after the migration, `{sql}`**" : ""));
        Line(md, $"- PostgreSQL {postgres}; RabbitMQ {(baselines.Count > 0 ? baselines[0].Rabbit.ServerVersion : "?")} (tests/services/*.sh, shared with whatever else runs on this machine)");
        Line(md);

        Headline(md, options, runs, new CreateGoal(ScaleoutScenario.GoalPerSecond, null));

        Line(md, "## CPU per process (medians over rounds)");
        Line(md);
        Line(md, "CPU time ÷ wall time from the start of the load to the end of the drain; PostgreSQL counts the postmaster and every backend " +
            "(all databases: other users of the server show up here too).");
        Line(md);
        Line(md, "| process | cores | ms CPU/create |");
        Line(md, "|---|--:|--:|");
        foreach (var name in runs.SelectMany(r => r.Resources.Processes).Select(p => p.Name).Distinct())
        {
            var of = runs.Select(r => (Run: r, Process: r.Resources.Processes.FirstOrDefault(p => p.Name == name))).Where(x => x.Process is not null).ToList();
            Line(md, $"| {name} | {Stats.Median(of.Select(x => x.Run.Resources.Cores(x.Process!))):F2} | {Stats.Median(of.Select(x => x.Run.CpuMsPerCreate(x.Process!))):F2} |");
        }

        Line(md, $"| all of the broker | {Stats.Median(runs.Select(r => r.ServerCores)):F2} | {Stats.Median(runs.Select(r => r.ServerCpuMsPerCreate)):F2} |");
        Line(md);

        var pg = Stats.Median(baselines.Select(b => b.Postgres.TransactionsPerSecond));
        var pgNotify = Stats.Median(baselines.Select(b => b.PostgresNotify.TransactionsPerSecond));
        var rabbit = Stats.Median(baselines.Select(b => b.Rabbit.PerSecond));
        Line(md, "## Raw baselines, same rounds (medians)");
        Line(md);
        Line(md, $"PostgreSQL: `pgbench -c {ScaleoutScenario.RawConcurrency} -j 2 -T {scaleout.RawSeconds.TotalSeconds:0} -n -f <script>` in a scratch database on the same server, " +
            "the script one autocommit `INSERT` of an outbox-shaped row (identity id, type, JSON body, timestamps; the outbox's index), tps without connection set-up; " +
            "once on the bare table, once with a per-statement `NOTIFY` trigger on it (what the broker's outbox had first). " +
            $"RabbitMQ: RabbitMQ.Client 7, one connection, {ScaleoutScenario.RawConcurrency} channels with publisher confirmations tracked, each awaiting every " +
            $"persistent ~130-byte publish to a durable quorum queue, {scaleout.RawSeconds.TotalSeconds:0} s after a 1 s warm-up.");
        Line(md);
        Line(md, "| baseline | per s | latency average ms |");
        Line(md, "|---|--:|--:|");
        Line(md, $"| pgbench: {RawPostgres.Plain} | **{pg:F0}** | {Stats.Median(baselines.Select(b => b.Postgres.LatencyAverageMs)):F2} |");
        Line(md, $"| pgbench: {RawPostgres.WithNotify} | {pgNotify:F0} | {Stats.Median(baselines.Select(b => b.PostgresNotify.LatencyAverageMs)):F2} |");
        Line(md, $"| RabbitMQ confirmed publishes | **{rabbit:F0}** | |");
        Line(md);

        Line(md, "## What a create costs (medians over rounds, per create that reached running)");
        Line(md);
        Line(md, "From the broker database's `pg_stat_database` and `pg_stat_user_tables` and the server's WAL position, read before the load and after the drain " +
            $"(each after {PostgresCounters.Settle.TotalSeconds:0.#} s, as backends report about once a second). Commits include read-only ones (every query outside " +
            "an explicit transaction commits) and the broker's background polling; `net of idle` subtracts the commit rate measured while the primed broker idled. " +
            "Bus messages: one per outbox row (the dispatcher publishes each), one consumed per inbox row.");
        Line(md);
        Line(md, "| per create | value |");
        Line(md, "|---|--:|");
        Line(md, $"| database commits | {Stats.Median(results.Select(r => r.PerCreate(r.Database.Commits))):F1} |");
        Line(md, $"| database commits, net of idle polling ({Stats.Median(results.Select(r => r.IdleCommitsPerSecond)):F0}/s) | {Stats.Median(results.Select(r => r.PerCreate(r.CommitsNetOfIdle))):F1} |");
        Line(md, $"| database rollbacks | {Stats.Median(results.Select(r => r.PerCreate(r.Database.Rollbacks))):F2} |");
        Line(md, $"| rows inserted / updated / deleted | {Stats.Median(results.Select(r => r.PerCreate(r.Database.RowsInserted))):F1} / " +
            $"{Stats.Median(results.Select(r => r.PerCreate(r.Database.RowsUpdated))):F1} / {Stats.Median(results.Select(r => r.PerCreate(r.Database.RowsDeleted))):F1} |");
        foreach (var table in Tables)
        {
            Line(md, $"| · `{table}` rows inserted / updated | {Stats.Median(results.Select(r => r.PerCreate(r.Database.Inserted(table)))):F2} / " +
                $"{Stats.Median(results.Select(r => r.PerCreate(r.Database.Tables.TryGetValue(table, out var t) ? t.Updated : 0))):F2} |");
        }

        Line(md, $"| WAL KiB (whole server) | {Stats.Median(results.Select(r => r.PerCreate(r.Database.WalBytes) / 1024)):F1} |");
        Line(md, $"| bus messages published (outbox rows) / consumed (inbox rows) | {Stats.Median(results.Select(r => r.PerCreate(r.Database.Inserted("outbox")))):F2} / " +
            $"{Stats.Median(results.Select(r => r.PerCreate(r.Database.Inserted("inbox")))):F2} |");
        Line(md);

        Line(md, "## Ratios");
        Line(md);
        Line(md, "| clients | running/s | ÷ pgbench tps | ÷ pgbench tps with NOTIFY | database commits/s ÷ pgbench tps | ÷ RabbitMQ publishes/s | bus publishes/s ÷ RabbitMQ publishes/s |");
        Line(md, "|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var clients in options.Clients)
        {
            var of = results.Where(r => r.Run.Clients == clients).ToList();
            var perSecond = Stats.Median(of.Select(r => r.Run.RunningPerSecond));
            var commits = Stats.Median(of.Select(r => r.Database.Commits / r.Run.Resources.Wall.TotalSeconds));
            var publishes = Stats.Median(of.Select(r => r.Database.Inserted("outbox") / r.Run.Resources.Wall.TotalSeconds));
            Line(md, $"| {clients} | {perSecond:F0} | **{perSecond / pg:F3}** | {perSecond / pgNotify:F3} | {commits / pg:F2} | **{perSecond / rabbit:F3}** | {publishes / rabbit:F3} |");
        }

        Line(md);
        Stages(md, options, runs);
        Rounds(md, runs);

        Line(md, "| round | clients | " + string.Join(" | ", runs[0].Resources.Processes.Select(p => p.Name + " cores")) +
            " | database commits/create | idle commits/s | outbox rows/create | WAL KiB/create |");
        Line(md, "|--:|--:|" + string.Concat(Enumerable.Repeat("--:|", runs[0].Resources.Processes.Count + 4)));
        foreach (var r in results)
        {
            Line(md, $"| {r.Run.Round} | {r.Run.Clients} | " + string.Join(" | ", r.Run.Resources.Processes.Select(p => r.Run.Resources.Cores(p).ToString("F2"))) +
                $" | {r.PerCreate(r.Database.Commits):F1} | {r.IdleCommitsPerSecond:F0} | {r.PerCreate(r.Database.Inserted("outbox")):F2} | {r.PerCreate(r.Database.WalBytes) / 1024:F1} |");
        }

        Line(md);
        Line(md, "| round | pgbench tps | pgbench tps with NOTIFY | RabbitMQ confirmed publishes/s | load avg after |");
        Line(md, "|--:|--:|--:|--:|---|");
        foreach (var b in baselines)
        {
            Line(md, $"| {b.Round} | {b.Postgres.TransactionsPerSecond:F0} | {b.PostgresNotify.TransactionsPerSecond:F0} | {b.Rabbit.PerSecond:F0} | {b.LoadAverage} |");
        }

        return md.ToString();
    }
}
