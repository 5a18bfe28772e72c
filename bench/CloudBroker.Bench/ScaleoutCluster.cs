namespace CloudBroker.Bench;

/// <summary>
/// The scaled-out broker for one run: a fresh PostgreSQL database (migrated with the worker host's <c>migrate</c>
/// command), a fresh RabbitMQ virtual host, one shared data folder (the mock cloud's SQLite file), then N API
/// processes (<c>CloudBroker__Roles=api</c>) and M worker processes, all ready. Disposing stops them and removes
/// the database, the virtual host and the folder. It also meters PostgreSQL's and RabbitMQ's CPU and reads the
/// database's counters around the measured load.
/// </summary>
internal sealed class ScaleoutCluster : ICreateTarget, IAsyncDisposable
{
    private readonly ScaleoutOptions _options;
    private readonly PostgresDatabase _database;
    private readonly string _vhost;
    private readonly DirectoryInfo _data;
    private readonly List<BrokerProcess> _processes = [];
    private PostgresCounters? _before;

    private ScaleoutCluster(ScaleoutOptions options, PostgresDatabase database, string vhost, DirectoryInfo data)
    {
        _options = options;
        _database = database;
        _vhost = vhost;
        _data = data;
        OtherMeters = new[]
        {
            ProcessTreeCpu.FromPidFile("PostgreSQL (all backends)", Path.Combine(options.ServicesDirectory, "postgres", "data", "postmaster.pid")),
            ProcessTreeCpu.FromPidFile("RabbitMQ", Path.Combine(options.ServicesDirectory, "rabbitmq", "rabbit.pid")),
        }.OfType<CpuMeter>().ToList();
    }

    public IReadOnlyList<Uri> ApiUris => [.. _processes.Where(p => p.Name.StartsWith("API", StringComparison.Ordinal)).Select(p => p.Server.BaseUri)];

    public IReadOnlyList<BrokerProcess> Processes => _processes;

    public IReadOnlyList<CpuMeter> OtherMeters { get; }

    /// <summary>The database's activity from the start of the measured load to its drain.</summary>
    public PostgresCounters? Measured { get; private set; }

    /// <summary>The database's commits per second while the broker idled (after the priming drained), its background polling.</summary>
    public double IdleCommitsPerSecond { get; private set; }

    public static async Task<ScaleoutCluster> StartAsync(
        BenchOptions options, string apiDll, string workerDll, string key, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        var scaleout = options.Scaleout;
        var database = await PostgresDatabase.CreateAsync(scaleout.Postgres, "cloudbroker_bench", cancellationToken);
        var vhost = database.Name;
        var cluster = new ScaleoutCluster(scaleout, database, vhost, Directory.CreateTempSubdirectory("cloudbroker-bench-scaleout-"));
        try
        {
            await RabbitMqVhost.AddAsync(scaleout, vhost, cancellationToken);
            var environment = new Dictionary<string, string>(settings)
            {
                ["CloudBroker__Database__Provider"] = "Postgres",
                ["CloudBroker__Database__ConnectionString"] = database.ConnectionString,
                ["CloudBroker__Bus__Transport"] = "RabbitMq",
                ["CloudBroker__Bus__RabbitMq__Uri"] = new Uri(scaleout.RabbitMq, Uri.EscapeDataString(vhost)).ToString(),
                ["CloudBroker__BootstrapAdminKey"] = key,
                ["CloudBroker__DataDirectory"] = cluster._data.FullName,
            };
            foreach (var (name, value) in options.Overrides)
            {
                environment[name] = value;
            }

            // The documented migration step, once, before any process starts.
            await ChildCommand.RunAsync("dotnet", [workerDll, "migrate"], environment, TimeSpan.FromSeconds(120), cancellationToken);
            if (scaleout.AfterMigrate is { } sql)
            {
                await database.ExecuteAsync(sql, cancellationToken);
            }

            for (var i = 1; i <= scaleout.Apis; i++)
            {
                cluster._processes.Add(new($"API {i}", ServerProcess.Start(apiDll, [], new Dictionary<string, string>(environment) { ["CloudBroker__Roles"] = "api" })));
            }

            for (var i = 1; i <= scaleout.Workers; i++)
            {
                cluster._processes.Add(new($"worker {i}", ServerProcess.Start(workerDll, [], environment)));
            }

            using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            await Task.WhenAll(cluster._processes.Select(p => p.Server.WaitReadyAsync(probe, "readyz", TimeSpan.FromSeconds(120), cancellationToken)));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The run's database, for reading rows back after the load.</summary>
    public string DatabaseConnectionString => _database.ConnectionString;

    public string Describe() =>
        $"database {_database.Name}, vhost {_vhost}, data in {_data.FullName}; " +
        string.Join(", ", _processes.Select(p => $"{p.Name} {p.Server.BaseUri} pid {p.Server.Pid}"));

    public async Task BeginMeasureAsync(CancellationToken cancellationToken)
    {
        var idle = await PostgresCounters.ReadSettledAsync(_database.ConnectionString, cancellationToken);
        _before = await PostgresCounters.ReadSettledAsync(_database.ConnectionString, cancellationToken);
        IdleCommitsPerSecond = (_before.Commits - idle.Commits) / PostgresCounters.Settle.TotalSeconds;
    }

    public async Task EndMeasureAsync(CancellationToken cancellationToken) =>
        Measured = (await PostgresCounters.ReadSettledAsync(_database.ConnectionString, cancellationToken)).Since(_before!);

    public Task<OutboxTimes> ReadOutboxAsync(CancellationToken cancellationToken) => OutboxTimes.ReadAsync(_database.ConnectionString, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.Server.DisposeAsync();
        }

        await _database.DisposeAsync();
        try
        {
            await RabbitMqVhost.DeleteAsync(_options, _vhost, CancellationToken.None);
        }
        catch (BenchException e)
        {
            Console.Error.WriteLine($"could not delete RabbitMQ vhost {_vhost}: {e.Message}");
        }

        _data.Delete(recursive: true);
    }
}
