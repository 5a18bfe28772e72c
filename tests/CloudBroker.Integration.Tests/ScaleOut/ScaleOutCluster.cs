using System.Diagnostics;
using CloudBroker.Testing.Postgres;

namespace CloudBroker.Integration.Tests.ScaleOut;

/// <summary>
/// The scaled-out broker of one scenario: its own PostgreSQL database and RabbitMQ vhost, migrated once with the
/// documented command, then API-only processes (<c>CloudBroker__Roles=api</c>) and worker processes, all sharing one
/// data folder (the mock cloud's file). Each process logs to <c>&lt;data&gt;/api-N.log</c> or <c>worker-N.log</c>.
/// Disposing kills every process and drops the database and the vhost.
/// </summary>
internal sealed class ScaleOutCluster : IAsyncDisposable
{
    private readonly ScaleOutServices _services;
    private readonly ScratchPostgresDatabase _database;
    private readonly Dictionary<string, string> _environment;
    private readonly Dictionary<string, string> _workerEnvironment;
    private readonly BrokerProcess?[] _apis;
    private readonly BrokerProcess?[] _workers;
    private readonly ScenarioLog _log;

    private ScaleOutCluster(
        ScaleOutServices services, ScratchPostgresDatabase database, string dataDirectory, Dictionary<string, string> environment,
        IReadOnlyDictionary<string, string>? workerEnvironment, int apis, int workers, ScenarioLog log)
    {
        _services = services;
        _database = database;
        _environment = environment;
        _workerEnvironment = new Dictionary<string, string>(environment);
        foreach (var (key, value) in workerEnvironment ?? new Dictionary<string, string>())
        {
            _workerEnvironment[key] = value;
        }

        _apis = new BrokerProcess?[apis];
        _workers = new BrokerProcess?[workers];
        _log = log;
        DataDirectory = dataDirectory;
        Rows = new PostgresBrokerRows(database.AdminConnectionString);
    }

    /// <summary>The scenario's database (its owner role can be limited: <see cref="ScratchPostgresDatabase.LimitConnectionsAsync"/>).</summary>
    public ScratchPostgresDatabase Database => _database;

    public string DataDirectory { get; }

    public PostgresBrokerRows Rows { get; }

    public int WorkerCount => _workers.Length;

    /// <summary>Every process's log file, for a failure report.</summary>
    public IEnumerable<string> LogPaths =>
        Enumerable.Range(1, _apis.Length).Select(ApiLog).Concat(Enumerable.Range(1, _workers.Length).Select(WorkerLog));

    /// <summary>
    /// Creates the database (or takes <paramref name="database"/>, which it then owns) and the vhost, migrates, and starts
    /// <paramref name="apis"/> API and <paramref name="workers"/> worker processes (the workers with <paramref name="workerEnvironment"/>
    /// over the rest, e.g. a connection string of their own).
    /// </summary>
    public static async Task<ScaleOutCluster> StartAsync(
        ScaleOutServices services, string dataDirectory, IReadOnlyDictionary<string, string> environment, int apis, int workers, ScenarioLog log,
        CancellationToken cancellationToken, ScratchPostgresDatabase? database = null, IReadOnlyDictionary<string, string>? workerEnvironment = null)
    {
        var watch = Stopwatch.StartNew();
        database ??= await ScratchPostgresDatabase.CreateAsync("cb_scale", cancellationToken);
        var name = database.Name;
        var shared = new Dictionary<string, string>(environment)
        {
            ["CloudBroker__Database__Provider"] = "Postgres",
            ["CloudBroker__Database__ConnectionString"] = database.ConnectionString,
            ["CloudBroker__Bus__Transport"] = "RabbitMq",
            ["CloudBroker__Bus__RabbitMq__Uri"] = services.RabbitMqVhost(name).ToString(),
        };
        var cluster = new ScaleOutCluster(services, database, dataDirectory, shared, workerEnvironment, apis, workers, log);
        try
        {
            await services.RabbitMq.AddVhostAsync(name, cancellationToken);
            await BrokerMigration.RunAsync(shared, Path.Combine(dataDirectory, "migrate.log"), cancellationToken);
            log.Say($"database and vhost {name} ready, migrated, in {watch.Elapsed.TotalSeconds:0.0} s");
            watch.Restart();
            await Task.WhenAll(
                Enumerable.Range(0, apis).Select(async i => cluster._apis[i] = await cluster.StartProcessAsync(BrokerAssemblies.Api, cluster.ApiLog(i + 1), api: true, cancellationToken))
                    .Concat(Enumerable.Range(0, workers).Select(i => cluster.RestartWorkerAsync(i, cancellationToken))));
            log.Say($"{apis} API and {workers} worker process(es) ready in {watch.Elapsed.TotalSeconds:0.0} s");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>An admin client of API process <paramref name="index"/> (0-based).</summary>
    public HttpClient Api(int index) => (_apis[index % _apis.Length] ?? throw new InvalidOperationException($"API {index + 1} is not running")).Client;

    /// <summary>A client of worker process <paramref name="index"/> (0-based): its probes and, when enabled, <c>/metrics</c>.</summary>
    public HttpClient Worker(int index) => (_workers[index] ?? throw new InvalidOperationException($"worker {index + 1} is not running")).Client;

    public IReadOnlyList<HttpClient> Apis => Enumerable.Range(0, _apis.Length).Select(Api).ToList();

    public bool IsWorkerRunning(int index) => _workers[index] is not null;

    /// <summary>SIGKILL to worker <paramref name="index"/> (0-based); it stays down until <see cref="RestartWorkerAsync"/>.</summary>
    public async Task KillWorkerAsync(int index)
    {
        var worker = _workers[index] ?? throw new InvalidOperationException($"worker {index + 1} is not running");
        _workers[index] = null;
        if (worker.HasExited)
        {
            throw new InvalidOperationException($"worker {index + 1} (pid {worker.ProcessId}) exited on its own before the kill");
        }

        await worker.DisposeAsync(); // SIGKILL, then waits for the exit
    }

    /// <summary>
    /// SIGTERM to worker <paramref name="index"/> (0-based), as a rolling update sends it; waits up to <paramref name="timeout"/>
    /// for it to end by itself and returns its exit code. It stays down until <see cref="RestartWorkerAsync"/>.
    /// </summary>
    public async Task<int> TerminateWorkerAsync(int index, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var worker = _workers[index] ?? throw new InvalidOperationException($"worker {index + 1} is not running");
        _workers[index] = null;
        await using (worker)
        {
            return await worker.TerminateAsync(timeout, cancellationToken);
        }
    }

    /// <summary>Worker <paramref name="index"/>'s log file (1 is the first worker's: <c>worker-1.log</c>).</summary>
    public string WorkerLogOf(int index) => WorkerLog(index + 1);

    public async Task RestartWorkerAsync(int index, CancellationToken cancellationToken) =>
        _workers[index] = await StartProcessAsync(BrokerAssemblies.Worker, WorkerLog(index + 1), api: false, cancellationToken);

    /// <summary>A process that died by itself (never one this test killed) is a finding.</summary>
    public string? ExitedOnItsOwn()
    {
        var dead = _apis.Select((p, i) => (p, $"API {i + 1}")).Concat(_workers.Select((p, i) => (p, $"worker {i + 1}")))
            .Where(x => x.p is { HasExited: true }).Select(x => x.Item2).ToList();
        return dead.Count == 0 ? null : string.Join(", ", dead) + " exited on its own";
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _apis.Concat(_workers).OfType<BrokerProcess>())
        {
            await process.DisposeAsync();
        }

        try
        {
            await _services.RabbitMq.DeleteVhostAsync(_database.Name, CancellationToken.None);
            await _database.DisposeAsync();
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or Npgsql.NpgsqlException)
        {
            _log.Say($"cleanup of {_database.Name} failed: {ex.Message}");
        }
    }

    private string ApiLog(int number) => Path.Combine(DataDirectory, $"api-{number}.log");

    private string WorkerLog(int number) => Path.Combine(DataDirectory, $"worker-{number}.log");

    private Task<BrokerProcess> StartProcessAsync(string assembly, string logPath, bool api, CancellationToken cancellationToken)
    {
        var environment = api ? new Dictionary<string, string>(_environment) { ["CloudBroker__Roles"] = "api" } : _workerEnvironment;
        return BrokerProcess.StartAsync(assembly, DataDirectory, environment, BrokerEnvironment.AdminKey, logPath, cancellationToken);
    }
}
