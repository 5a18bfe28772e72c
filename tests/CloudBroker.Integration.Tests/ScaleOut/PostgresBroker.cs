using System.Globalization;
using CloudBroker.Testing.Postgres;
using Npgsql;

namespace CloudBroker.Integration.Tests.ScaleOut;

/// <summary>
/// One broker process with every role (API and worker, in-memory bus) on a PostgreSQL database of its own, migrated at its
/// start: for scenarios about the database alone, where a second process or RabbitMQ adds nothing. The mock cloud prices
/// <c>m1-small</c> at <see cref="HourlyPrice"/> (budgets count it). <see cref="Admin"/> opens superuser connections to the
/// database, for a test that plays a concurrent transaction. Disposing kills the process and drops the database.
/// </summary>
internal sealed class PostgresBroker : IAsyncDisposable
{
    public const decimal HourlyPrice = 2.50m;

    private readonly BrokerProcess _process;
    private readonly ScratchPostgresDatabase _database;

    private PostgresBroker(BrokerProcess process, ScratchPostgresDatabase database, string logPath)
    {
        _process = process;
        _database = database;
        LogPath = logPath;
        Admin = NpgsqlDataSource.Create(database.AdminConnectionString);
    }

    /// <summary>An admin client of the broker (the bootstrap key).</summary>
    public HttpClient Client => _process.Client;

    /// <summary>Superuser connections to the broker's database.</summary>
    public NpgsqlDataSource Admin { get; }

    public string DatabaseName => _database.Name;

    public string LogPath { get; }

    /// <summary>
    /// Starts the broker with <paramref name="settings"/> over the defaults. <paramref name="deadlockTimeout"/> is PostgreSQL's
    /// for the broker's sessions (a test that forces a deadlock makes the broker's transaction the one PostgreSQL aborts).
    /// </summary>
    public static async Task<PostgresBroker> StartAsync(
        ScenarioFolder folder, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken, TimeSpan? deadlockTimeout = null)
    {
        var database = await ScratchPostgresDatabase.CreateAsync("cb_pg", cancellationToken);
        try
        {
            if (deadlockTimeout is { } timeout)
            {
                await TestPostgresServer.ExecuteAsync(
                    string.Create(CultureInfo.InvariantCulture, $"ALTER DATABASE {database.Name} SET deadlock_timeout = '{(int)timeout.TotalMilliseconds}ms'"), cancellationToken);
            }

            var environment = BrokerEnvironment.Create(folder.Path, MockCloudSettings.Reader(TimeSpan.Zero, TimeSpan.FromMilliseconds(100)), fastRecovery: false);
            environment["CloudBroker__Database__Provider"] = "Postgres";
            // Without the test server's pool size: the broker's own pool settings apply.
            environment["CloudBroker__Database__ConnectionString"] =
                new NpgsqlConnectionStringBuilder(TestPostgresServer.ConnectionString) { Database = database.Name }.ConnectionString;
            environment["CloudBroker__Database__MigrateOnStartup"] = "true";
            environment["CloudBroker__Provisioning__PollInterval"] = "00:00:00.1";
            environment["CloudBroker__Outbox__PollInterval"] = "00:00:00.1";
            environment[$"CloudBroker__Providers__{MockCloudSettings.ProviderId}__Prices__Currency"] = "USD";
            environment[$"CloudBroker__Providers__{MockCloudSettings.ProviderId}__Prices__HardwareProfiles__m1-small"] = HourlyPrice.ToString(CultureInfo.InvariantCulture);
            foreach (var (key, value) in settings)
            {
                environment[key] = value;
            }

            var logPath = Path.Combine(folder.Path, "broker.log");
            var process = await BrokerProcess.StartAsync(BrokerAssemblies.Api, folder.Path, environment, BrokerEnvironment.AdminKey, logPath, cancellationToken);
            return new PostgresBroker(process, database, logPath);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>The broker's log so far.</summary>
    public string Log()
    {
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>How many sessions on the database (other than the one asking) wait for a lock now.</summary>
    public async Task<long> WaitingForLocksAsync(CancellationToken cancellationToken)
    {
        await using var command = Admin.CreateCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        await Admin.DisposeAsync();
        await _database.DisposeAsync();
    }
}
