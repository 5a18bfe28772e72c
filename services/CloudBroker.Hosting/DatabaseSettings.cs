namespace CloudBroker.Hosting;

/// <summary><c>CloudBroker:Database</c>: <c>Sqlite</c> (default, a file in the data folder) or <c>Postgres</c>.</summary>
public sealed class DatabaseSettings
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    /// <summary>Four processes at this size fit a stock PostgreSQL (<c>max_connections</c> 100) with room to spare.</summary>
    public const int DefaultMaxPoolSize = 20;

    public static readonly TimeSpan DefaultConnectionTimeout = TimeSpan.FromSeconds(5);

    public string Provider { get; set; } = Sqlite;

    /// <summary>Optional for SQLite (default <c>&lt;data&gt;/cloudbroker.db</c>); required for PostgreSQL.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Apply pending migrations at startup. Default: yes on SQLite (one process owns the file); no on
    /// PostgreSQL, where an operator runs <c>migrate</c> once and processes refuse to start on an old schema.
    /// </summary>
    public bool? MigrateOnStartup { get; set; }

    /// <summary>
    /// PostgreSQL: the most connections this process's pool opens (Npgsql's own default, 100, would let five processes
    /// exhaust a stock server). Applies unless the connection string sets <c>Maximum Pool Size</c>.
    /// </summary>
    public int MaxPoolSize { get; set; } = DefaultMaxPoolSize;

    /// <summary>
    /// PostgreSQL: how long opening a connection may wait for a free one in the pool (or for the server) before the work
    /// fails as transient (<c>503 database-busy</c> at the API). Npgsql's <c>Timeout</c>, in whole seconds; applies unless
    /// the connection string sets <c>Timeout</c>.
    /// </summary>
    public TimeSpan ConnectionTimeout { get; set; } = DefaultConnectionTimeout;

    /// <summary>
    /// PostgreSQL: where the process's one notification connection goes (<c>LISTEN</c> needs a session of its own: through PgBouncer,
    /// point this at PostgreSQL itself or at a session-mode pool). Default: the connection string.
    /// </summary>
    public string? ListenConnectionString { get; set; }

    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);

    public bool IsSqlite => string.Equals(Provider, Sqlite, StringComparison.OrdinalIgnoreCase);

    public bool ShouldMigrateOnStartup => MigrateOnStartup ?? IsSqlite;
}
