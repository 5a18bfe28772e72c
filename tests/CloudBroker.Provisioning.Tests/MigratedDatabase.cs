using CloudBroker.Identity;
using CloudBroker.Persistence;
using CloudBroker.Persistence.Postgres;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CloudBroker.Provisioning.Tests;

/// <summary>
/// A fresh, migrated broker database of either engine, dropped on dispose: a SQLite file, or a new database
/// on the PostgreSQL server that <c>CB_TEST_POSTGRES</c> names (tests/run.sh starts one).
/// </summary>
public sealed class MigratedDatabase : IAsyncDisposable
{
    private readonly string _engine;
    private readonly string _location;
    private readonly string _connectionString;

    private MigratedDatabase(string engine, string location, string connectionString)
    {
        _engine = engine;
        _location = location;
        _connectionString = connectionString;
    }

    public static async Task<MigratedDatabase> CreateAsync(string engine)
    {
        MigratedDatabase database;
        if (engine == "sqlite")
        {
            var file = Path.Combine(Path.GetTempPath(), $"cb-test-{Guid.NewGuid():N}.db");
            database = new MigratedDatabase(engine, file, $"Data Source={file};Pooling=false");
        }
        else
        {
            var server = Environment.GetEnvironmentVariable("CB_TEST_POSTGRES")
                ?? throw new InvalidOperationException("CB_TEST_POSTGRES is not set: run the tests with tests/run.sh, which starts PostgreSQL, or point it at a server");
            var name = $"cb_test_{Guid.NewGuid():N}";
            await using (var admin = new NpgsqlConnection(server))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin); // name is hex: no user input
                await create.ExecuteNonQueryAsync();
            }

            database = new MigratedDatabase(engine, name, new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ConnectionString);
        }

        await using var db = database.NewContext();
        await db.Database.MigrateAsync();
        return database;
    }

    /// <summary>A context of its own, as a separate process would have.</summary>
    public BrokerDbContext NewContext()
    {
        var options = new DbContextOptionsBuilder<BrokerDbContext>();
        _ = _engine == "sqlite"
            ? options.UseSqlite(_connectionString, o => o.MigrationsAssembly(PersistenceServiceCollectionExtensions.SqliteMigrationsAssembly))
            : options.UseNpgsql(_connectionString, o => o.MigrationsAssembly(PostgresServiceCollectionExtensions.MigrationsAssembly));
        return new BrokerDbContext(options.UseBrokerModel([new ProvisioningModel(), new IdentityModel()]).Options);
    }

    public async ValueTask DisposeAsync()
    {
        if (_engine == "sqlite")
        {
            File.Delete(_location);
            return;
        }

        var server = Environment.GetEnvironmentVariable("CB_TEST_POSTGRES")!;
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_location} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
