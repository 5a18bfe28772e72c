using Npgsql;

namespace CloudBroker.Testing.Postgres;

/// <summary>
/// The PostgreSQL server the tests use, named by <c>CB_TEST_POSTGRES</c> (tests/run.sh starts a private one).
/// Without it a test that needs PostgreSQL fails with how to get one: it never quietly tests something else.
/// </summary>
public static class TestPostgresServer
{
    public const string Variable = "CB_TEST_POSTGRES";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                $"{Variable} is not set: run the tests via tests/run.sh, or start a server (bash tests/services/postgres.sh start) " +
                $"and set {Variable}, for example \"Host=127.0.0.1;Port=35432;Username=postgres;Password=cloudbroker\".");

    /// <summary>The connection string of one database on the server.</summary>
    public static string ConnectionStringFor(string database, int maxPoolSize = 30) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database, MaxPoolSize = maxPoolSize }.ConnectionString;

    /// <summary>
    /// Runs DDL (<c>CREATE/DROP DATABASE</c>) on the server's own database, on a connection of its own. DDL takes no
    /// parameters: names passed in are made by the tests from letters, digits and '_', never from input.
    /// </summary>
    public static async Task ExecuteAsync(string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
