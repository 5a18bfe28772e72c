using System.Diagnostics;
using CloudBroker.Persistence;
using CloudBroker.Persistence.Postgres;
using CloudBroker.Persistence.Transient;
using CloudBroker.Testing.Postgres;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CloudBroker.Hosting.Tests;

/// <summary>
/// What the engines really answer when they are busy is read as transient — a lost race (a deadlock, a busy snapshot) as
/// one to run again, a refused connection (too many clients) as one to run once a connection frees up, a database that
/// cannot take the work (the pool exhausted after its wait, an administrator's shutdown, SQLite locked past its busy
/// timeout) as one to retry later — and a real fault is not.
/// The errors are made by PostgreSQL and SQLite themselves.
/// </summary>
public sealed class TransientDatabaseErrorsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly TransientDatabaseErrors Postgres =
        new ServiceCollection().AddBrokerPostgres("Host=127.0.0.1").BuildServiceProvider().GetRequiredService<TransientDatabaseErrors>();

    private static readonly TransientDatabaseErrors Sqlite =
        new ServiceCollection().AddBrokerSqlite("Data Source=:memory:").BuildServiceProvider().GetRequiredService<TransientDatabaseErrors>();

    [Fact]
    public async Task An_exhausted_pool_waits_its_timeout_then_is_unavailable()
    {
        await using var database = await ScratchPostgresDatabase.CreateAsync("cb_host", Ct);
        await using var source = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxPoolSize = 1, Timeout = 1 }.ConnectionString);
        await using var held = await source.OpenConnectionAsync(Ct);

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAnyAsync<NpgsqlException>(async () => await source.OpenConnectionAsync(Ct));
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
        Assert.Equal(DatabaseFailure.Unavailable, Postgres.Classify(error));
    }

    [Fact]
    public async Task Too_many_clients_is_no_connection_and_an_administrator_shutdown_is_unavailable()
    {
        await using var database = await ScratchPostgresDatabase.CreateAsync("cb_host", Ct);
        var role = database.Name + "_r";
        await TestPostgresServer.ExecuteAsync($"CREATE ROLE {role} LOGIN PASSWORD 'limited' CONNECTION LIMIT 1", Ct);
        try
        {
            var limited = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = role, Password = "limited", Pooling = false }.ConnectionString;
            await using var first = new NpgsqlConnection(limited);
            await first.OpenAsync(Ct);
            await using var second = new NpgsqlConnection(limited);
            var tooMany = await Assert.ThrowsAsync<PostgresException>(async () => await second.OpenAsync(Ct));
            Assert.Equal(PostgresErrorCodes.TooManyConnections, tooMany.SqlState);
            Assert.Equal(DatabaseFailure.NoConnection, Postgres.Classify(tooMany));

            await TestPostgresServer.ExecuteAsync($"SELECT pg_terminate_backend({first.ProcessID})", Ct);
            var shutdown = await Assert.ThrowsAnyAsync<NpgsqlException>(async () =>
            {
                await using var command = new NpgsqlCommand("SELECT 1", first);
                await command.ExecuteScalarAsync(Ct);
            });
            Assert.Equal(DatabaseFailure.Unavailable, Postgres.Classify(shutdown));
        }
        finally
        {
            await TestPostgresServer.ExecuteAsync($"DROP ROLE IF EXISTS {role}", CancellationToken.None);
        }
    }

    /// <summary>
    /// What a worker's step really meets: the server's refusal and an exhausted pool reach it through EF Core, which wraps
    /// them (Npgsql's execution strategy in "likely due to a transient failure", a retrying one in
    /// <see cref="RetryLimitExceededException"/>, a save in <see cref="DbUpdateException"/>); each is still read as transient.
    /// </summary>
    [Fact]
    public async Task Refused_connections_and_an_exhausted_pool_are_transient_as_ef_core_wraps_them()
    {
        await using var database = await ScratchPostgresDatabase.CreateWithOwnerAsync("cb_host", Ct);
        await database.LimitConnectionsAsync(0, Ct);
        var refused = new List<Exception>();
        await using (var db = Context(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString))
        {
            refused.Add(await CaptureAny(() => db.Installations.CountAsync(Ct)));
            refused.Add(await CaptureAny(() => db.Database.ExecuteSqlRawAsync("SELECT 1", Ct)));
            db.Installations.Add(new Installation { Key = Installation.SingletonKey, Id = "refused", CreatedAt = DateTime.UtcNow });
            refused.Add(await CaptureAny(() => db.SaveChangesAsync(Ct)));
        }

        await using (var retrying = Context(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString,
                         npgsql => npgsql.EnableRetryOnFailure(1, TimeSpan.FromMilliseconds(10), null)))
        {
            refused.Add(Assert.IsType<RetryLimitExceededException>(await CaptureAny(() => retrying.Installations.CountAsync(Ct))));
        }

        Assert.Contains(refused, e => e is InvalidOperationException && e.Message.Contains("transient failure", StringComparison.Ordinal));
        Assert.All(refused, e =>
        {
            Assert.Equal(PostgresErrorCodes.TooManyConnections, Innermost<PostgresException>(e)?.SqlState);
            Assert.Equal(DatabaseFailure.NoConnection, Postgres.Classify(e));
        });

        await database.LimitConnectionsAsync(-1, Ct);
        await using var source = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxPoolSize = 1, Timeout = 1 }.ConnectionString);
        await using var held = await source.OpenConnectionAsync(Ct);
        await using var starved = Context(source);
        var exhausted = await CaptureAny(() => starved.Installations.CountAsync(Ct));
        Assert.IsType<TimeoutException>(Innermost<NpgsqlException>(exhausted)?.InnerException);
        Assert.Equal(DatabaseFailure.Unavailable, Postgres.Classify(exhausted));
    }

    [Fact]
    public async Task A_deadlock_is_a_race_to_run_again_also_inside_an_ef_core_error_and_a_real_fault_is_not_transient()
    {
        await using var database = await ScratchPostgresDatabase.CreateAsync("cb_host", Ct);
        await using var source = NpgsqlDataSource.Create(database.ConnectionString);
        await Execute(source, "CREATE TABLE counters (id int PRIMARY KEY, n int); INSERT INTO counters VALUES (1, 0), (2, 0)");
        await using var a = await source.OpenConnectionAsync(Ct);
        await using var b = await source.OpenConnectionAsync(Ct);
        await using var ta = await a.BeginTransactionAsync(Ct);
        await using var tb = await b.BeginTransactionAsync(Ct);
        await Execute(a, "UPDATE counters SET n = 1 WHERE id = 1");
        await Execute(b, "UPDATE counters SET n = 1 WHERE id = 2");
        var crossed = await Task.WhenAll(
            Capture(() => Execute(a, "UPDATE counters SET n = 2 WHERE id = 2")),
            Capture(() => Execute(b, "UPDATE counters SET n = 2 WHERE id = 1")));

        var deadlock = Assert.Single(crossed.OfType<PostgresException>());
        Assert.Equal(PostgresErrorCodes.DeadlockDetected, deadlock.SqlState);
        Assert.Equal(DatabaseFailure.Contention, Postgres.Classify(new DbUpdateException("An error occurred while saving the entity changes.", deadlock)));
        await ta.RollbackAsync(Ct);
        await tb.RollbackAsync(Ct);

        var duplicate = await Capture(() => Execute(source, "INSERT INTO counters VALUES (1, 0)"));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, Assert.IsType<PostgresException>(duplicate).SqlState);
        Assert.Equal(DatabaseFailure.None, Postgres.Classify(duplicate!));
    }

    [Fact]
    public async Task Sqlite_locked_past_its_busy_timeout_is_unavailable_and_a_stale_snapshot_is_a_race_to_run_again()
    {
        var file = Path.Combine(Path.GetTempPath(), $"cb-busy-{Guid.NewGuid():N}.db");
        try
        {
            var connectionString = new SqliteConnectionStringBuilder { DataSource = file, DefaultTimeout = 1, Pooling = false }.ToString();
            await using var writer = new SqliteConnection(connectionString);
            await using var other = new SqliteConnection(connectionString);
            await writer.OpenAsync(Ct);
            await other.OpenAsync(Ct);
            await Execute(writer, "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 100; CREATE TABLE t (n int); INSERT INTO t VALUES (0)");
            await Execute(other, "PRAGMA busy_timeout = 100");

            await using (var holding = writer.BeginTransaction(deferred: false))
            {
                var busy = await Capture(() => Execute(other, "BEGIN IMMEDIATE"));
                Assert.Equal(5, Assert.IsType<SqliteException>(busy).SqliteErrorCode);
                Assert.Equal(DatabaseFailure.Unavailable, Sqlite.Classify(busy!));
            }

            await using var reading = other.BeginTransaction(deferred: true);
            await Execute(other, "SELECT n FROM t");
            await Execute(writer, "UPDATE t SET n = 1"); // committed after the reader's snapshot
            var stale = await Capture(() => Execute(other, "UPDATE t SET n = 2"));
            Assert.Equal(517, Assert.IsType<SqliteException>(stale).SqliteExtendedErrorCode);
            Assert.Equal(DatabaseFailure.Contention, Sqlite.Classify(stale!));
            Assert.Equal(DatabaseFailure.None, Sqlite.Classify(new SqliteException("SQLite Error 19: 'UNIQUE constraint failed'.", 19)));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    private static BrokerDbContext Context(string connectionString, Action<Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.NpgsqlDbContextOptionsBuilder>? npgsql = null) =>
        new(new DbContextOptionsBuilder<BrokerDbContext>()
            .UseNpgsql(connectionString, o => npgsql?.Invoke(o)).Options);

    private static BrokerDbContext Context(NpgsqlDataSource source) =>
        new(new DbContextOptionsBuilder<BrokerDbContext>().UseNpgsql(source).Options);

    private static async Task<Exception> CaptureAny(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception ex)
        {
            return ex;
        }

        throw new Xunit.Sdk.XunitException("the database did not refuse");
    }

    /// <summary>The deepest <typeparamref name="T"/> inside <paramref name="exception"/> (itself included).</summary>
    private static T? Innermost<T>(Exception exception)
        where T : Exception
    {
        T? found = null;
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            found = current as T ?? found;
        }

        return found;
    }

    private static async Task<Exception?> Capture(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception ex) when (ex is NpgsqlException or SqliteException)
        {
            return ex;
        }
    }

    private static async Task Execute(NpgsqlDataSource source, string sql)
    {
        await using var command = source.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }
}
