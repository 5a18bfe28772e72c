using Npgsql;

namespace CloudBroker.Hosting.Tests;

/// <summary>A new, empty database on the test server, dropped on dispose.</summary>
internal sealed class EmptyPostgresDatabase(string server, string name) : IAsyncDisposable
{
    public string ConnectionString { get; } = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;

    public static async Task<EmptyPostgresDatabase> CreateAsync(string server)
    {
        var name = $"cb_host_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE {name}"); // the name is hex: no user input
        return new EmptyPostgresDatabase(server, name);
    }

    /// <summary>Migrations EF Core's history table does not list yet (the migrations assembly's count when there is none).</summary>
    public async Task<List<string>> PendingMigrationsAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM \"__EFMigrationsHistory\"", connection);
        var applied = (long)(await command.ExecuteScalarAsync())!;
        var known = typeof(Persistence.Postgres.PostgresServiceCollectionExtensions).Assembly.GetTypes()
            .Count(t => t.Namespace == "CloudBroker.Persistence.Postgres.Migrations" && t.BaseType?.Name == "Migration");
        return applied == known ? [] : [$"{known - applied} of {known}"];
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
