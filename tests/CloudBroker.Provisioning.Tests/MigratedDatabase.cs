using CloudBroker.Placement;
using CloudBroker.Accounting;
using CloudBroker.Audit;
using CloudBroker.Identity;
using CloudBroker.Persistence;
using CloudBroker.Persistence.Postgres;
using CloudBroker.Quotas;
using CloudBroker.Testing.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CloudBroker.Provisioning.Tests;

/// <summary>
/// A fresh, migrated broker database of either engine, dropped on dispose: a SQLite file, or a scratch database
/// on the PostgreSQL server that <c>CB_TEST_POSTGRES</c> names (tests/run.sh starts one).
/// </summary>
public sealed class MigratedDatabase : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly string? _sqliteFile;
    private readonly ScratchPostgresDatabase? _postgres;

    private MigratedDatabase(string connectionString, string? sqliteFile, ScratchPostgresDatabase? postgres)
    {
        _connectionString = connectionString;
        _sqliteFile = sqliteFile;
        _postgres = postgres;
    }

    public static async Task<MigratedDatabase> CreateAsync(string engine)
    {
        MigratedDatabase database;
        if (engine == "sqlite")
        {
            var file = Path.Combine(Path.GetTempPath(), $"cb-test-{Guid.NewGuid():N}.db");
            database = new MigratedDatabase($"Data Source={file};Pooling=false", file, null);
        }
        else
        {
            var scratch = await ScratchPostgresDatabase.CreateAsync("cb_test");
            database = new MigratedDatabase(new NpgsqlConnectionStringBuilder(scratch.ConnectionString) { Pooling = false }.ConnectionString, null, scratch);
        }

        await using var db = database.NewContext();
        await db.Database.MigrateAsync();
        return database;
    }

    /// <summary>A context of its own, as a separate process would have.</summary>
    public BrokerDbContext NewContext()
    {
        var options = new DbContextOptionsBuilder<BrokerDbContext>();
        _ = _postgres is null
            ? options.UseSqlite(_connectionString, o => o.MigrationsAssembly(PersistenceServiceCollectionExtensions.SqliteMigrationsAssembly))
            : options.UseNpgsql(_connectionString, o => o.MigrationsAssembly(PostgresServiceCollectionExtensions.MigrationsAssembly));
        IEntityContributor[] areas = [new ProvisioningEntities(), new IdentityEntities(), new AuditEntities(), new QuotasEntities(), new AccountingEntities(), new PlacementEntities()];
        return new BrokerDbContext(options.UseBrokerEntities(_postgres is null ? areas : [.. areas, new HistoryTransactionColumn()]).Options);
    }

    /// <summary>A separate process's services over the database: a context of its own per scope.</summary>
    public IServiceScopeFactory NewProcess() =>
        new ServiceCollection().AddScoped(_ => NewContext()).BuildServiceProvider().GetRequiredService<IServiceScopeFactory>();

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        if (_sqliteFile is not null)
        {
            File.Delete(_sqliteFile);
        }
    }
}
