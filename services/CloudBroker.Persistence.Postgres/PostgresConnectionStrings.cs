using Npgsql;

namespace CloudBroker.Persistence.Postgres;

/// <summary>
/// What CloudBroker changes in a PostgreSQL connection string the operator did not settle (an explicit choice wins):
/// a bounded pool — Npgsql's default maximum (100 per process) lets a handful of processes exhaust any PostgreSQL, and
/// then every process's requests fail — and no Kerberos probe (below).
/// </summary>
public static class PostgresConnectionStrings
{
    /// <summary>Connections a process keeps open for <c>LISTEN</c>, in a pool of their own: its notification hub's one, for every channel.</summary>
    public const int ListenerPoolSize = 1;

    /// <summary>
    /// <paramref name="connectionString"/> with <c>Maximum Pool Size</c> = <paramref name="maxPoolSize"/> and
    /// <c>Timeout</c> (how long opening a connection may wait for a free one or for the server) =
    /// <paramref name="connectionTimeout"/> in whole seconds, each unless the string names it already, and without
    /// GSS encryption (<see cref="WithoutKerberosProbe"/>).
    /// </summary>
    public static string WithPoolDefaults(string connectionString, int maxPoolSize, TimeSpan connectionTimeout)
    {
        connectionString = WithoutKerberosProbe(connectionString);
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

    /// <summary>The notification hub's own pool: one connection, whatever channels the process listens on.</summary>
    public static string ForListeners(string connectionString) =>
        new NpgsqlConnectionStringBuilder(WithoutKerberosProbe(connectionString)) { MaxPoolSize = ListenerPoolSize, MinPoolSize = 0 }.ConnectionString;

    /// <summary>
    /// No Kerberos probe: Npgsql offers GSS encryption on every new connection unless told otherwise, and to do so asks
    /// Kerberos for a ticket for the database host: a reverse DNS lookup, perhaps a KDC, before the password is used
    /// (the broker must not call anywhere but its providers, database and bus). Off unless the connection string (or
    /// <c>PGGSSENCMODE</c>) asks for it.
    /// </summary>
    public static string WithoutKerberosProbe(string connectionString)
    {
        // A plain builder holds only the keywords the string names (Npgsql's knows every keyword).
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.ContainsKey("GSS Encryption Mode") || given.ContainsKey("GssEncryptionMode")
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("PGGSSENCMODE")))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { GssEncryptionMode = GssEncryptionMode.Disable }.ConnectionString;
    }
}
