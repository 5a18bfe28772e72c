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
        Line(md, "- API settings: " + Settings(CreateScenario.Settings, options));
        Line(md, $"- SQLite {facts.Version} (the bundle Microsoft.Data.Sqlite loads, in the API and here): default `synchronous` {facts.DefaultSynchronous}; " +
            $"compile options: {string.Join(", ", facts.RelevantCompileOptions.Select(o => $"`{o}`"))}");
        Line(md);

        CreateReportSections.Headline(md, options, runs, new CreateGoal(GoalPerSecond, GoalP95Ms));
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
        CreateReportSections.Stages(md, options, runs);
        CreateReportSections.Rounds(md, runs);
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

    /// <summary>The broker processes' settings as the report lists them: the harness's, then the <c>--set</c> overrides.</summary>
    public static string Settings(IReadOnlyDictionary<string, string> settings, BenchOptions options) =>
        string.Join(", ", settings.Select(s => $"`{s.Key}={s.Value}`")) +
        (options.Overrides.Count == 0 ? "" : "; overridden with --set: " + string.Join(", ", options.Overrides.Select(s => $"**`{s.Key}={s.Value}`**")));

    /// <summary>The type of the file system holding <paramref name="path"/> (longest matching mount point in /proc/mounts).</summary>
    public static string FileSystemOf(string path)
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
