namespace CloudBroker.Hosting;

/// <summary><c>CloudBroker:Database</c>: <c>Sqlite</c> (default, a file in the data folder) or <c>Postgres</c>.</summary>
public sealed class DatabaseSettings
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    public string Provider { get; set; } = Sqlite;

    /// <summary>Optional for SQLite (default <c>&lt;data&gt;/cloudbroker.db</c>); required for PostgreSQL.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Apply pending migrations at startup. Default: yes on SQLite (one process owns the file); no on
    /// PostgreSQL, where an operator runs <c>migrate</c> once and processes refuse to start on an old schema.
    /// </summary>
    public bool? MigrateOnStartup { get; set; }

    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);

    public bool IsSqlite => string.Equals(Provider, Sqlite, StringComparison.OrdinalIgnoreCase);

    public bool ShouldMigrateOnStartup => MigrateOnStartup ?? IsSqlite;
}
