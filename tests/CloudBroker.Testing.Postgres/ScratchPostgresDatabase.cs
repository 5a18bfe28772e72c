using System.Security.Cryptography;
using Npgsql;

namespace CloudBroker.Testing.Postgres;

/// <summary>
/// A new, empty database on the test server (<c>&lt;prefix&gt;_&lt;hex&gt;</c>), dropped with its open connections on dispose.
/// Made with <see cref="CreateWithOwnerAsync"/>, it belongs to a login role of the same name (not a superuser), whose
/// connections can be limited (<see cref="LimitConnectionsAsync"/>) the way <c>max_connections</c> limits a server's.
/// </summary>
public sealed class ScratchPostgresDatabase : IAsyncDisposable
{
    private readonly bool _owned;
    private readonly List<string> _members = [];

    private ScratchPostgresDatabase(string name, string? ownerPassword)
    {
        Name = name;
        AdminConnectionString = TestPostgresServer.ConnectionStringFor(name);
        ConnectionString = ownerPassword is null
            ? AdminConnectionString
            : new NpgsqlConnectionStringBuilder(TestPostgresServer.ConnectionString) { Database = name, Username = name, Password = ownerPassword }.ConnectionString;
        _owned = ownerPassword is not null;
    }

    public string Name { get; }

    /// <summary>What the broker is given: the owner role's (without a pool size of its own) or, for a plain database, the server's superuser.</summary>
    public string ConnectionString { get; }

    /// <summary>The server's superuser on this database: for checks that must not count against the owner's connection limit.</summary>
    public string AdminConnectionString { get; }

    public static async Task<ScratchPostgresDatabase> CreateAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var database = new ScratchPostgresDatabase(NewName(prefix), ownerPassword: null);
        await TestPostgresServer.ExecuteAsync($"CREATE DATABASE {database.Name}", cancellationToken);
        return database;
    }

    /// <summary>A database owned by a new login role of the same name (so the broker can migrate it), unlimited until <see cref="LimitConnectionsAsync"/>.</summary>
    public static async Task<ScratchPostgresDatabase> CreateWithOwnerAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)); // hex: DDL takes no parameters
        var database = new ScratchPostgresDatabase(NewName(prefix), password);
        await TestPostgresServer.ExecuteAsync($"CREATE ROLE {database.Name} LOGIN PASSWORD '{password}'", cancellationToken);
        await TestPostgresServer.ExecuteAsync($"CREATE DATABASE {database.Name} OWNER {database.Name}", cancellationToken);
        return database;
    }

    /// <summary>
    /// From now on the owner may hold at most <paramref name="connections"/> connections; one more is refused by the server
    /// with SQLSTATE 53300, as a server at <c>max_connections</c> refuses it. Connections already open stay.
    /// </summary>
    public Task LimitConnectionsAsync(int connections, CancellationToken cancellationToken = default) => _owned
        ? TestPostgresServer.ExecuteAsync($"ALTER ROLE {Name} CONNECTION LIMIT {connections}", cancellationToken)
        : throw new InvalidOperationException("only a database made with CreateWithOwnerAsync has a role to limit");

    /// <summary>Ends every session of the owner role, as an administrator's <c>pg_terminate_backend</c> does (SQLSTATE 57P01 on their next use).</summary>
    public Task TerminateConnectionsAsync(CancellationToken cancellationToken = default) => _owned
        ? TestPostgresServer.ExecuteAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{Name}'", cancellationToken)
        : throw new InvalidOperationException("only a database made with CreateWithOwnerAsync has a role of its own");

    /// <summary>
    /// A login role of its own (<c>&lt;name&gt;_&lt;suffix&gt;</c>) with the owner's rights, held from its first connection to at most
    /// <paramref name="connections"/> (53300 beyond): a process given its connection string has a limit apart from the others'.
    /// Dropped with the database.
    /// </summary>
    public async Task<string> AddMemberAsync(string suffix, int connections, CancellationToken cancellationToken = default)
    {
        if (!_owned)
        {
            throw new InvalidOperationException("only a database made with CreateWithOwnerAsync has a role to share");
        }

        var member = $"{Name}_{suffix}";
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await TestPostgresServer.ExecuteAsync($"CREATE ROLE {member} LOGIN PASSWORD '{password}' IN ROLE {Name} CONNECTION LIMIT {connections}", cancellationToken);
        _members.Add(member);
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Username = member, Password = password }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        await TestPostgresServer.ExecuteAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
        foreach (var member in _members)
        {
            await TestPostgresServer.ExecuteAsync($"DROP ROLE IF EXISTS {member}");
        }

        if (_owned)
        {
            await TestPostgresServer.ExecuteAsync($"DROP ROLE IF EXISTS {Name}");
        }
    }

    private static string NewName(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 25, 63)];
}
