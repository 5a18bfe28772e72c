using Microsoft.Data.Sqlite;

namespace CloudBroker.Drivers.Mock;

/// <summary>The mock cloud's SQLite schema, created when missing.</summary>
internal static class MockSchema
{
    public const int Version = 1;

    private const string Tables = """
        CREATE TABLE IF NOT EXISTS machines (
            id            TEXT    NOT NULL PRIMARY KEY,
            token         TEXT    NOT NULL UNIQUE,
            spec_hash     TEXT    NOT NULL,
            name          TEXT    NOT NULL,
            realm_id      TEXT    NOT NULL,
            image_id      TEXT    NOT NULL,
            profile_id    TEXT    NOT NULL,
            cpu           INTEGER NOT NULL,
            memory_mib    INTEGER NOT NULL,
            storage_gib   INTEGER NOT NULL,
            tags          TEXT    NOT NULL,
            state         TEXT    NOT NULL,
            next_state    TEXT,
            next_at       INTEGER,
            created_at    INTEGER NOT NULL,
            terminated_at INTEGER
        );
        CREATE INDEX IF NOT EXISTS machines_terminated_at ON machines (terminated_at);
        CREATE TABLE IF NOT EXISTS counters (
            name  TEXT    NOT NULL PRIMARY KEY,
            value INTEGER NOT NULL
        );
        """;

    /// <summary>Sets the connection up for sharing the file between processes, then makes the tables.</summary>
    public static void Apply(SqliteConnection connection)
    {
        // busy_timeout first: switching to WAL itself needs a lock another process may hold.
        Execute(connection, "PRAGMA busy_timeout = 10000;");
        Execute(connection, "PRAGMA journal_mode = WAL;");
        Execute(connection, "PRAGMA synchronous = NORMAL;");

        using var transaction = connection.BeginTransaction(deferred: false);
        var version = Convert.ToInt32(Scalar(connection, transaction, "PRAGMA user_version;"));
        if (version > Version)
        {
            throw new DriverException(
                DriverErrorKind.Unavailable,
                $"mock database {connection.DataSource} has schema version {version}, newer than this broker's {Version}; upgrade the broker or use another data directory");
        }

        Execute(connection, Tables, transaction);
        Execute(connection, $"PRAGMA user_version = {Version};", transaction);
        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command.ExecuteScalar();
    }
}
