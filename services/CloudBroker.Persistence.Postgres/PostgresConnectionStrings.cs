using Npgsql;

namespace CloudBroker.Persistence.Postgres;

/// <summary>
/// Bounds a process's connection pool: Npgsql's default maximum (100 per process) lets a handful of processes exhaust
/// any PostgreSQL, and then every process's requests fail. The broker's defaults apply unless the connection string sets
/// its own <c>Maximum Pool Size</c> or <c>Timeout</c> (an operator's explicit choice wins).
/// </summary>
public static class PostgresConnectionStrings
{
    /// <summary>Connections the notification listeners keep open per process (at most three channels), in a pool of their own.</summary>
    public const int ListenerPoolSize = 3;

    /// <summary>
    /// <paramref name="connectionString"/> with <c>Maximum Pool Size</c> = <paramref name="maxPoolSize"/> and
    /// <c>Timeout</c> (how long opening a connection may wait for a free one or for the server) =
    /// <paramref name="connectionTimeout"/> in whole seconds, each unless the string names it already.
    /// </summary>
    public static string WithPoolDefaults(string connectionString, int maxPoolSize, TimeSpan connectionTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoolSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(connectionTimeout, TimeSpan.FromSeconds(1));
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var named = builder.Keys; // only the keywords the string sets, under their canonical names
        if (!named.Contains("Maximum Pool Size"))
        {
            builder.MaxPoolSize = maxPoolSize;
        }

        if (!named.Contains("Timeout"))
        {
            builder.Timeout = (int)Math.Ceiling(connectionTimeout.TotalSeconds);
        }

        return builder.ConnectionString;
    }

    /// <summary>The listeners' own pool: one connection per channel a process listens on.</summary>
    public static string ForListeners(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = ListenerPoolSize, MinPoolSize = 0 }.ConnectionString;
}
