using System.Data.Common;
using Npgsql;

namespace CloudBroker.Hosting;

/// <summary>What CloudBroker changes in a PostgreSQL connection string the operator did not settle.</summary>
internal static class PostgresConnectionDefaults
{
    /// <summary>
    /// No Kerberos probe: Npgsql offers GSS encryption on every new connection unless told otherwise, and to do so asks
    /// Kerberos for a ticket for the database host: a reverse DNS lookup, perhaps a KDC, before the password is used.
    /// Off unless the connection string (or <c>PGGSSENCMODE</c>) asks for it.
    /// </summary>
    public static string Apply(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.ContainsKey("GSS Encryption Mode") || given.ContainsKey("GssEncryptionMode") ||
            !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("PGGSSENCMODE")))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { GssEncryptionMode = GssEncryptionMode.Disable }.ConnectionString;
    }
}
