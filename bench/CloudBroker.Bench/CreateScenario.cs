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

    /// <summary>The settings the API runs with: the mock with no boot delay, its pacing and the broker's rate limits out of the way, fast polling.</summary>
    public static IReadOnlyDictionary<string, string> Settings { get; } = BenchRateLimits.With(new Dictionary<string, string>
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
    });

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
                runs.Add(await RunEmbeddedAsync(apiDll, round, clients, options, cancellationToken));
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

    /// <summary>
    /// One creates run on a fresh embedded API: <paramref name="settings"/> are added to the environment after the
    /// harness's own, and <paramref name="prepare"/> (given an admin client on the ready API) runs before the load.
    /// </summary>
    public static async Task<CreateRun> RunEmbeddedAsync(
        string apiDll, int round, int clients, BenchOptions options, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? settings = null, Func<HttpClient, Task>? prepare = null)
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
            foreach (var (name, value) in (settings ?? new Dictionary<string, string>()).Concat(options.Overrides))
            {
                environment[name] = value;
            }

            await using var api = ServerProcess.Start(apiDll, [], environment);
            using (var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(30) })
            {
                await api.WaitReadyAsync(probe, "readyz", TimeSpan.FromSeconds(60), cancellationToken);
            }

            Console.WriteLine($"round {round}  API {api.BaseUri} pid {api.Pid} (data in {dataDirectory.FullName})");
            if (prepare is not null)
            {
                using var admin = new HttpClient { BaseAddress = api.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
                admin.DefaultRequestHeaders.Authorization = new("Bearer", key);
                await prepare(admin);
            }

            return await CreateMeasurement.RunAsync(new EmbeddedApi(api, dataDirectory.FullName), key, round, clients, options, cancellationToken);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            dataDirectory.Delete(recursive: true);
        }
    }
}

internal sealed record BaselineRound(int Round, IReadOnlyList<SqliteResult> Sqlite, BusResult Bus)
{
    public SqliteResult Of(SqliteVariant variant, int writers) => Sqlite.First(s => s.Variant == variant && s.Writers == writers);
}
