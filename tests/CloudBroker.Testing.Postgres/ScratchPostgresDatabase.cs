namespace CloudBroker.Testing.Postgres;

/// <summary>A new, empty database on the test server (<c>&lt;prefix&gt;_&lt;hex&gt;</c>), dropped with its open connections on dispose.</summary>
public sealed class ScratchPostgresDatabase : IAsyncDisposable
{
    private ScratchPostgresDatabase(string name)
    {
        Name = name;
        ConnectionString = TestPostgresServer.ConnectionStringFor(name);
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<ScratchPostgresDatabase> CreateAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var database = new ScratchPostgresDatabase($"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 25, 63)]);
        await TestPostgresServer.ExecuteAsync($"CREATE DATABASE {database.Name}", cancellationToken);
        return database;
    }

    public async ValueTask DisposeAsync() =>
        await TestPostgresServer.ExecuteAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
}
