namespace CloudBroker.Hosting;

/// <summary><c>CloudBroker:Database</c>: <c>Sqlite</c> (default, a file in the data folder) or <c>Postgres</c>.</summary>
public sealed class DatabaseSettings
{
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Optional; for SQLite the default is <c>&lt;data&gt;/cloudbroker.db</c>.</summary>
    public string? ConnectionString { get; set; }
}
