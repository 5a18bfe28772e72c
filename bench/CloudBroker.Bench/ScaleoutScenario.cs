using Npgsql;

namespace CloudBroker.Bench;

/// <summary>One scaled-out run: the creates measurement, and what the database counted meanwhile.</summary>
internal sealed record ScaleoutRun(CreateRun Run, PostgresCounters Database, double IdleCommitsPerSecond)
{
    public double PerCreate(double count) => count / Math.Max(1, Run.Running);

    /// <summary>Database commits in the run beyond the background polling an idle broker does.</summary>
    public double CommitsNetOfIdle => Database.Commits - (IdleCommitsPerSecond * Run.Resources.Wall.TotalSeconds);
}

/// <summary>One round's raw baselines: pgbench inserts (bare table, and with the outbox's NOTIFY trigger), RabbitMQ confirmed publishes.</summary>
internal sealed record ScaleoutBaselines(int Round, PgbenchResult Postgres, PgbenchResult PostgresNotify, RabbitResult Rabbit, string LoadAverage);

/// <summary>
/// The scaleout scenario: the creates measurement of <see cref="CreateScenario"/> against the scaled-out broker (N API and
/// M worker processes on PostgreSQL and RabbitMQ, fresh database and virtual host per run), beside raw PostgreSQL
/// insert transactions (pgbench) and raw RabbitMQ confirmed publishes, measured in the same rounds (before the broker in
/// odd rounds, after it in even ones).
/// </summary>
internal static class ScaleoutScenario
{
    public const double GoalPerSecond = 200;

    /// <summary>Concurrency of the raw baselines, as the load's: 32 pgbench clients, 32 publishing channels.</summary>
    public const int RawConcurrency = 32;

    public static async Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var (apiDll, workerDll) = (Bench.ApiDll(options), Bench.WorkerDll(options));
        var facts = await PostgresFactsAsync(options.Scaleout.Postgres, cancellationToken);
        Console.WriteLine($"PostgreSQL: {facts}");
        var baselines = new List<ScaleoutBaselines>();
        var runs = new List<ScaleoutRun>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            if (round % 2 == 1)
            {
                baselines.Add(await RunBaselinesAsync(round, options, cancellationToken));
            }

            foreach (var clients in options.Clients)
            {
                runs.Add(await RunClusterAsync(apiDll, workerDll, round, clients, options, cancellationToken));
            }

            if (round % 2 == 0)
            {
                baselines.Add(await RunBaselinesAsync(round, options, cancellationToken));
            }
        }

        return ScaleoutReport.Markdown(options, facts, baselines, runs);
    }

    private static async Task<ScaleoutBaselines> RunBaselinesAsync(int round, BenchOptions options, CancellationToken cancellationToken)
    {
        var scaleout = options.Scaleout;
        var plain = await RawPostgres.RunAsync(scaleout.Postgres, RawPostgres.Plain, RawConcurrency, scaleout.RawSeconds, cancellationToken);
        Console.WriteLine($"round {round}  pgbench {plain.Variant}, {plain.Clients} clients: {plain.TransactionsPerSecond:F0} tx/s, latency average {plain.LatencyAverageMs:F2} ms");
        var notify = await RawPostgres.RunAsync(scaleout.Postgres, RawPostgres.WithNotify, RawConcurrency, scaleout.RawSeconds, cancellationToken);
        Console.WriteLine($"round {round}  pgbench {notify.Variant}, {notify.Clients} clients: {notify.TransactionsPerSecond:F0} tx/s, latency average {notify.LatencyAverageMs:F2} ms");
        var rabbit = await RawRabbit.RunAsync(scaleout.RabbitMq, RawConcurrency, scaleout.RawSeconds, cancellationToken);
        Console.WriteLine($"round {round}  RabbitMQ {rabbit.ServerVersion}, {rabbit.Publishers} confirming publishers: {rabbit.PerSecond:F0} confirmed publishes/s");
        return new ScaleoutBaselines(round, plain, notify, rabbit, CreateMeasurement.LoadAverage());
    }

    private static async Task<ScaleoutRun> RunClusterAsync(string apiDll, string workerDll, int round, int clients, BenchOptions options, CancellationToken cancellationToken)
    {
        var key = Bench.NewAdminKey();
        await using var cluster = await ScaleoutCluster.StartAsync(options, apiDll, workerDll, key, CreateScenario.Settings, cancellationToken);
        Console.WriteLine($"round {round}  {cluster.Describe()}");
        var run = await CreateMeasurement.RunAsync(cluster, key, round, clients, options, cancellationToken);
        var result = new ScaleoutRun(run, cluster.Measured!, cluster.IdleCommitsPerSecond);
        Console.WriteLine($"round {round}  database: {result.PerCreate(result.Database.Commits):F1} commits/create ({result.PerCreate(result.CommitsNetOfIdle):F1} net of " +
            $"{result.IdleCommitsPerSecond:F0}/s idle polling), {result.PerCreate(result.Database.Inserted("outbox")):F2} outbox rows/create, " +
            $"{result.PerCreate(result.Database.WalBytes) / 1024:F1} KiB WAL/create");
        return result;
    }

    private static async Task<string> PostgresFactsAsync(string server, CancellationToken cancellationToken)
    {
        var cs = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit'), current_setting('shared_buffers'), current_setting('max_connections')",
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return $"{reader.GetString(0)}, fsync={reader.GetString(1)}, synchronous_commit={reader.GetString(2)}, shared_buffers={reader.GetString(3)}, max_connections={reader.GetString(4)}";
    }
}
