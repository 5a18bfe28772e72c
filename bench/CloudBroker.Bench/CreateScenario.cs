using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace CloudBroker.Bench;

/// <summary>
/// The creates scenario: per round, the raw baselines in this process (SQLite inserts, bus publishes), and for each
/// client count a fresh API (fresh data folder) that is primed, then loaded with creates for a fixed time, drained
/// until every accepted instance has settled, and read back: each instance's history gives acceptance → running
/// in the server's own clock, and the outbox rows in the database give the dispatcher's part of it.
/// </summary>
internal static class CreateScenario
{
    /// <summary>The outbox claim lease, set explicitly (it is the default) so that claim times can be read back from the rows.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromSeconds(30);

    /// <summary>The settings the API runs with: the mock with no boot delay, its pacing out of the way, fast polling.</summary>
    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["CloudBroker__Providers__mock__BootDelay"] = "00:00:00",
        ["CloudBroker__Providers__libvirt__Enabled"] = "false",
        ["CloudBroker__Providers__mock__MaxConcurrency"] = "64",
        ["CloudBroker__Providers__mock__RequestsPerSecond"] = "100000",
        ["CloudBroker__Providers__mock__Burst"] = "100000",
        ["CloudBroker__Provisioning__PollInterval"] = "00:00:00.01",
        ["CloudBroker__Outbox__PollInterval"] = "00:00:00.05",
        ["CloudBroker__Outbox__ClaimLease"] = "00:00:30",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    public static async Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var apiDll = Bench.ApiDll(options);
        var facts = RawSqlite.Describe();
        Console.WriteLine($"SQLite {facts.Version}: default synchronous {facts.DefaultSynchronous}; {string.Join(", ", facts.RelevantCompileOptions)}");
        var baselines = new List<BaselineRound>();
        var runs = new List<CreateRun>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            // Alternate: baselines before the servers in odd rounds, after them in even ones.
            if (round % 2 == 1)
            {
                baselines.Add(await RunBaselinesAsync(round, options, cancellationToken));
            }

            foreach (var clients in options.Clients)
            {
                runs.Add(await RunServerAsync(apiDll, round, clients, options, cancellationToken));
            }

            if (round % 2 == 0)
            {
                baselines.Add(await RunBaselinesAsync(round, options, cancellationToken));
            }
        }

        return CreateReport.Markdown(options, facts, baselines, runs);
    }

    private static async Task<BaselineRound> RunBaselinesAsync(int round, BenchOptions options, CancellationToken cancellationToken)
    {
        var sqlite = new List<SqliteResult>();
        foreach (var (variant, writers) in new[]
        {
            (RawSqlite.AsBroker, 1), (RawSqlite.AsBroker, 32), (RawSqlite.AsBrokerLocked, 32), (RawSqlite.BusyTimeout, 32),
            (RawSqlite.Normal, 1), (RawSqlite.Normal, 32),
        })
        {
            var r = await RawSqlite.RunAsync(variant, writers, options.SqliteSeconds, cancellationToken);
            sqlite.Add(r);
            Console.WriteLine($"round {round}  SQLite {variant.Name,-16} {writers,2} writers  {r.TransactionsPerSecond,7:F0} tx/s" +
                $"  p50 {r.P50Ms,7:F2} ms  p99 {r.P99Ms,7:F2} ms  max {r.MaxMs,7:F1} ms");
        }

        var bus = await RawBus.RunAsync(options.BusMessages, 32, cancellationToken);
        Console.WriteLine($"round {round}  bus {bus.Messages} messages, {bus.Publishers} publishers  {bus.MessagesPerSecond,7:F0} msg/s consumed; consumer concurrency {bus.ConsumerConcurrency} (awaiting), {bus.BlockingConsumerConcurrency} (blocking)");
        return new BaselineRound(round, sqlite, bus);
    }

    private static async Task<CreateRun> RunServerAsync(string apiDll, int round, int clients, BenchOptions options, CancellationToken cancellationToken)
    {
        var key = Bench.NewAdminKey();
        var dataDirectory = Directory.CreateTempSubdirectory("cloudbroker-bench-creates-");
        try
        {
            var environment = new Dictionary<string, string>(Settings)
            {
                ["CloudBroker__DataDirectory"] = dataDirectory.FullName,
                ["CloudBroker__BootstrapAdminKey"] = key,
            };
            await using var api = ServerProcess.Start(apiDll, [], environment);
            using var setup = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            await api.WaitReadyAsync(setup, "readyz", TimeSpan.FromSeconds(60), cancellationToken);
            setup.DefaultRequestHeaders.Authorization = new("Bearer", key);
            using var client = CreateLoad.Client(clients, key);
            Console.WriteLine($"round {round}  API {api.BaseUri} pid {api.Pid} (data in {dataDirectory.FullName})");

            if (options.Prime > TimeSpan.Zero)
            {
                var primed = await CreateLoad.RunAsync(client, api.BaseUri, clients, options.Prime, $"p{round}", cancellationToken);
                var (primeDrained, _) = await DrainAsync(setup, api, options.DrainTimeout, cancellationToken);
                Console.WriteLine($"round {round}  primed: {primed.InstanceIds.Count} creates in {options.Prime.TotalSeconds:0} s" +
                    $"{(primeDrained ? "" : ", NOT drained")}");
            }

            using var self = Process.GetCurrentProcess();
            var (server0, client0, waited0) = (api.CpuTime, self.TotalProcessorTime, api.RunQueueWaits());
            var threadsAtStart = api.Threads;
            using var sampling = new CancellationTokenSource();
            var maxThreads = SampleThreadsAsync(api, sampling.Token);
            var wall = Stopwatch.StartNew();
            var load = await CreateLoad.RunAsync(client, api.BaseUri, clients, options.Duration, $"r{round}c{clients}", cancellationToken);
            var (drained, drainTime) = await DrainAsync(setup, api, options.DrainTimeout, cancellationToken);
            wall.Stop();
            self.Refresh();
            var (server1, client1, waited) = (api.CpuTime, self.TotalProcessorTime, api.RunQueueWaitSince(waited0));
            await sampling.CancelAsync();
            var threads = await maxThreads;

            var timelines = await TimelinesAsync(client, api.BaseUri, load.InstanceIds, clients, cancellationToken);
            var outbox = OutboxTimes.Read(Path.Combine(dataDirectory.FullName, "cloudbroker.db"));
            var run = CreateRun.From(round, clients, load, drained, drainTime, timelines, outbox,
                server1 - server0, client1 - client0, waited, wall.Elapsed, threadsAtStart, threads, LoadAverage());
            Console.WriteLine($"round {round}  {clients} clients  accepted {load.InstanceIds.Count} ({load.AcceptedPerSecond:F0}/s, POST p50 {load.P50Ms:F1} ms" +
                $" p99 {load.P99Ms:F1} ms, {load.Errors} errors)  running {run.Running} ({run.RunningPerSecond:F0}/s)" +
                $"  accept→running p50 {run.P50Ms:F0} p95 {run.P95Ms:F0} p99 {run.P99Ms:F0} ms  server {run.ServerCpuMsPerCreate:F2} ms CPU/create, {run.ServerCores:F2} cores," +
                $" {run.ServerRunnableWaiting:F2} threads waiting for a CPU, {threads} threads max;" +
                $" {run.Pauses.Count} pauses ≥ {CallPauses.Threshold.TotalMilliseconds:0} ms without a provider call ({run.Pauses.Share:P0} of the time)");
            if (load.FirstError is not null)
            {
                Console.WriteLine($"round {round}  first error: {load.FirstError}");
            }

            return run;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            dataDirectory.Delete(recursive: true);
        }
    }

    /// <summary>Waits until no instance is pending (all accepted creates settled), the timeout passes or the server dies.</summary>
    private static async Task<(bool Drained, TimeSpan Took)> DrainAsync(HttpClient setup, ServerProcess api, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var url = new Uri(api.BaseUri, "api/instances?state=pending&limit=1");
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < timeout)
        {
            if (api.HasExited)
            {
                throw new BenchException($"the API exited during the run:{Environment.NewLine}{api.LastOutput}");
            }

            using var page = JsonDocument.Parse(await setup.GetStringAsync(url, cancellationToken));
            if (page.RootElement.GetProperty("items").GetArrayLength() == 0)
            {
                return (true, Stopwatch.GetElapsedTime(started));
            }

            await Task.Delay(100, cancellationToken);
        }

        return (false, Stopwatch.GetElapsedTime(started));
    }

    private static async Task<int> SampleThreadsAsync(ServerProcess api, CancellationToken stop)
    {
        var max = 0;
        while (!stop.IsCancellationRequested)
        {
            max = Math.Max(max, api.Threads);
            try
            {
                await Task.Delay(250, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return max;
    }

    /// <summary>Each instance's history, from <c>GET /api/instances/{id}/events</c>.</summary>
    private static async Task<List<Timeline>> TimelinesAsync(HttpClient client, Uri baseUri, IReadOnlyList<string> ids, int parallelism, CancellationToken cancellationToken)
    {
        var timelines = new Timeline[ids.Count];
        await Parallel.ForAsync(0, ids.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var page = await client.GetFromJsonAsync<EventPage>(new Uri(baseUri, $"api/instances/{ids[i]}/events?limit=100"), Json, ct)
                ?? throw new BenchException($"no history for instance {ids[i]}");
            timelines[i] = Timeline.From(ids[i], page.Items);
        });
        return [.. timelines];
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}

internal sealed record EventPage(IReadOnlyList<EventItem> Items);

internal sealed record EventItem(DateTime At, string Subject, string? OperationId, string? From, string To);

/// <summary>One instance's create, from its history: accepted, first provider call, and the state it settled in.</summary>
/// <param name="AcceptedAt">The instance's first event (from null to pending), stamped in the accepting transaction.</param>
/// <param name="CallStartedAt">The operation's move to running, stamped by the ExecuteOperation consumer just before the provider call.</param>
/// <param name="RunningAt">The instance's move to running, stamped after the provider call, before that step's commit.</param>
internal sealed record Timeline(string InstanceId, string? OperationId, DateTime? AcceptedAt, DateTime? CallStartedAt, DateTime? RunningAt, string FinalState)
{
    public static Timeline From(string instanceId, IReadOnlyList<EventItem> items)
    {
        var instance = items.Where(e => e.Subject == "instance").ToList();
        var operation = items.Where(e => e.Subject == "operation").ToList();
        return new Timeline(
            instanceId,
            instance.FirstOrDefault()?.OperationId,
            instance.FirstOrDefault(e => e.From is null)?.At,
            operation.FirstOrDefault(e => e.To == "running")?.At,
            instance.FirstOrDefault(e => e.To == "running")?.At,
            instance.LastOrDefault()?.To ?? "unknown");
    }
}

/// <summary>The dispatcher's side, read from the API's database after the run (read-only).</summary>
/// <param name="ExecuteByOperation">Per operation id: its ExecuteOperation row's creation, claim and sent times.</param>
/// <param name="RunningNoticeClaimedByInstance">
/// Per instance id: when the dispatcher claimed the InstanceStateChanged(→running) row, which the running step's transaction
/// wrote: it could not be claimed before that transaction committed, so it bounds the commit from above.
/// </param>
internal sealed record OutboxTimes(
    IReadOnlyDictionary<string, (DateTime Created, DateTime? Claimed, DateTime? Sent)> ExecuteByOperation,
    IReadOnlyDictionary<string, DateTime> RunningNoticeClaimedByInstance)
{
    public static OutboxTimes Read(string databasePath)
    {
        var execute = new Dictionary<string, (DateTime, DateTime?, DateTime?)>(StringComparer.Ordinal);
        var notices = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT MessageType,
                   coalesce(json_extract(Body, '$.operationId'), json_extract(Body, '$.instanceId')),
                   json_extract(Body, '$.toState'), CreatedAt, LockedUntil, SentAt
            FROM outbox
            WHERE MessageType IN ('CloudBroker.Contracts.ExecuteOperation', 'CloudBroker.Contracts.InstanceStateChanged')
            """;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var id = reader.GetString(1);
            DateTime? claimed = reader.IsDBNull(4) ? null : Utc(reader.GetString(4)) - CreateScenario.ClaimLease;
            if (reader.GetString(0).EndsWith(".ExecuteOperation", StringComparison.Ordinal))
            {
                execute[id] = (Utc(reader.GetString(3)), claimed, reader.IsDBNull(5) ? null : Utc(reader.GetString(5)));
            }
            else if (!reader.IsDBNull(2) && reader.GetString(2) == "running" && claimed is { } at)
            {
                notices[id] = at;
            }
        }

        return new OutboxTimes(execute, notices);
    }

    // EF Core stores DateTime as 'yyyy-MM-dd HH:mm:ss.FFFFFFF' text; the broker's are UTC.
    private static DateTime Utc(string text) =>
        DateTime.SpecifyKind(DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), DateTimeKind.Utc);
}

internal sealed record BaselineRound(int Round, IReadOnlyList<SqliteResult> Sqlite, BusResult Bus)
{
    public SqliteResult Of(SqliteVariant variant, int writers) => Sqlite.First(s => s.Variant == variant && s.Writers == writers);
}
