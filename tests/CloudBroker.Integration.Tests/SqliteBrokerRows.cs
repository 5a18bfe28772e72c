using Microsoft.Data.Sqlite;

namespace CloudBroker.Integration.Tests;

/// <summary>The embedded broker's SQLite database (<c>&lt;data&gt;/cloudbroker.db</c>), opened read-only.</summary>
internal sealed class SqliteBrokerRows(string dataDirectory) : IBrokerRows
{
    public string InstallationId()
    {
        using var connection = Open();
        return BrokerRowDump.InstallationId(connection);
    }

    public string Describe(IEnumerable<string> instanceIds, int maxInstances = 8) => BrokerRowDump.Describe(Open, instanceIds, maxInstances);

    /// <summary>A read-only connection to the embedded broker's database in <paramref name="dataDirectory"/>.</summary>
    public static SqliteConnection OpenReadOnly(string dataDirectory)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, "cloudbroker.db"),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        return connection;
    }

    private SqliteConnection Open() => OpenReadOnly(dataDirectory);
}
