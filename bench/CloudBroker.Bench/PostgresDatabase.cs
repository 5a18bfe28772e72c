using Npgsql;

namespace CloudBroker.Bench;

/// <summary>A throwaway database on the shared PostgreSQL server: created empty, dropped (with its connections) on dispose.</summary>
internal sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly string _server;

    private PostgresDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <param name="server">A connection string without a database (the maintenance database <c>postgres</c> is used to create it).</param>
    public static async Task<PostgresDatabase> CreateAsync(string server, string prefix, CancellationToken cancellationToken)
    {
        var database = new PostgresDatabase(server, $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 13)]);
        await database.AdminAsync($"CREATE DATABASE \"{database.Name}\"", cancellationToken);
        return database;
    }

    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", CancellationToken.None);
    }

    private async Task AdminAsync(string sql, CancellationToken cancellationToken)
    {
        var admin = new NpgsqlConnectionStringBuilder(_server) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
