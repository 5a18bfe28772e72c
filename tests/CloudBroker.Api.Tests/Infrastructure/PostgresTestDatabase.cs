using System.Security.Cryptography;
using System.Text;
using CloudBroker.Testing.Postgres;
using Npgsql;

namespace CloudBroker.Api.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL database of one data folder, for runs with <c>CB_TEST_DATABASE=postgres</c> (tests/run.sh runs
/// this project once more that way): on the server named by <c>CB_TEST_POSTGRES</c> (<see cref="TestPostgresServer"/>), a database named after
/// the folder (<c>cb_apitest_</c> and hex of a hash of its path), so a factory restarted on the same folder
/// finds the same data, as it finds the SQLite file. Created on first use, dropped with the folder.
/// </summary>
public sealed class PostgresTestDatabase
{
    public const string DatabaseVariable = "CB_TEST_DATABASE";

    private PostgresTestDatabase(string dataDirectory)
    {
        // Hex only: the name goes into CREATE/DROP DATABASE as an identifier.
        Name = "cb_apitest_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataDirectory))))[..32];
        ConnectionString = TestPostgresServer.ConnectionStringFor(Name, maxPoolSize: 100);
    }

    public string Name { get; }

    /// <summary>What the API is given as <c>CloudBroker:Database:ConnectionString</c>.</summary>
    public string ConnectionString { get; }

    /// <summary>
    /// The folder's database when this run is on PostgreSQL, <c>null</c> on the default (SQLite in the folder).
    /// A PostgreSQL run without a server fails here: it must never quietly test SQLite instead.
    /// </summary>
    public static PostgresTestDatabase? ForDataDirectory(string dataDirectory)
    {
        var database = Environment.GetEnvironmentVariable(DatabaseVariable);
        if (string.IsNullOrEmpty(database) || string.Equals(database, "sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!string.Equals(database, "postgres", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{DatabaseVariable}={database}: use 'postgres', or leave it unset for SQLite.");
        }

        return new PostgresTestDatabase(dataDirectory); // without a server this fails, saying how to get one
    }

    /// <summary>Creates the database unless it exists (a restart on the same folder keeps its data).</summary>
    public void EnsureCreated()
    {
        try
        {
            Execute($"CREATE DATABASE {Name}");
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
        }
    }

    /// <summary>Drops the database, closing the connections still open on it.</summary>
    public void Drop() => Execute($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");

    private static void Execute(string sql) => TestPostgresServer.ExecuteAsync(sql).GetAwaiter().GetResult();
}
