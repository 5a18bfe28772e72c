using Npgsql;

namespace CloudBroker.Integration.Tests.ScaleOut;

/// <summary>A fresh PostgreSQL database for one scenario (<c>cb_scale_&lt;hex&gt;</c>), dropped at the end.</summary>
internal sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly string _serverConnectionString;

    private ScratchDatabase(string serverConnectionString, string name)
    {
        _serverConnectionString = serverConnectionString;
        Name = name;

        // Four broker processes share the test server (max_connections 300) with other test projects: keep each pool small.
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name, MaxPoolSize = 30 }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<ScratchDatabase> CreateAsync(string serverConnectionString, string name, CancellationToken cancellationToken)
    {
        var database = new ScratchDatabase(serverConnectionString, name);
        await database.ExecuteAsync($"CREATE DATABASE \"{name}\"", cancellationToken);
        return database;
    }

    public async ValueTask DisposeAsync() => await ExecuteAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", CancellationToken.None);

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        // The name is ours (letters, digits, '_'): DDL takes no parameters.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_serverConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
