using System.Text;
using CloudBroker.Drivers;
using CloudBroker.Drivers.Mock;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudBroker.Integration.Tests;

/// <summary>
/// What the data folder holds, read from outside the broker: the mock cloud's machines (through the mock driver
/// itself, so its clock-driven states are computed as the broker would see them), the installation id, and the
/// broker's rows about one instance for a failure report.
/// </summary>
internal static class BrokerData
{
    /// <summary>Every machine the mock cloud lists, terminated ones included (they stay listed for its retention).</summary>
    public static async Task<IReadOnlyList<DriverInstance>> MockMachinesAsync(
        string dataDirectory, string providerId, IReadOnlyDictionary<string, string?> providerSettings, string installationId, CancellationToken cancellationToken)
    {
        // The same delays as the broker's provider (states are computed from them), but no fault dice: this is a reader.
        var settings = new ConfigurationBuilder().AddInMemoryCollection(providerSettings).Build();
        await using var driver = new MockDriverFactory().Create(
            new ProviderContext(providerId, settings, dataDirectory, installationId, TimeProvider.System, NullLoggerFactory.Instance));
        return await driver.ListInstancesAsync(cancellationToken);
    }

    public static string InstallationId(string dataDirectory)
    {
        using var connection = Open(dataDirectory);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id FROM installation;";
        return command.ExecuteScalar() as string ?? throw new InvalidOperationException("no installation row");
    }

    /// <summary>The broker's rows about instances: the instance, its operations, its history and the outbox rows that name it or them.</summary>
    public static string Describe(string dataDirectory, IEnumerable<string> instanceIds, int maxInstances = 8)
    {
        var text = new StringBuilder();
        try
        {
            using var connection = Open(dataDirectory);
            foreach (var id in instanceIds.Distinct().Take(maxInstances))
            {
                text.AppendLine($"--- instance {id}");
                Dump(connection, text, "instances", "SELECT * FROM instances WHERE Id = $id;", id);
                Dump(connection, text, "operations", "SELECT * FROM operations WHERE TargetId = $id ORDER BY CreatedAt;", id);
                Dump(connection, text, "instance_events", "SELECT * FROM instance_events WHERE InstanceId = $id ORDER BY Id;", id);
                Dump(connection, text, "outbox",
                    "SELECT * FROM outbox WHERE Body LIKE '%' || $id || '%' OR EXISTS (SELECT 1 FROM operations o WHERE o.TargetId = $id AND outbox.Body LIKE '%' || o.Id || '%') ORDER BY Id;", id);
            }
        }
        catch (SqliteException ex)
        {
            text.AppendLine("(cannot read the broker's database: " + ex.Message + ")");
        }

        return text.ToString();
    }

    private static SqliteConnection Open(string dataDirectory)
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

    private static void Dump(SqliteConnection connection, StringBuilder text, string title, string sql, string id)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            text.Append("  ").Append(title).Append(": ");
            for (var i = 0; i < reader.FieldCount; i++)
            {
                text.Append(reader.GetName(i)).Append('=').Append(reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i))).Append(i + 1 < reader.FieldCount ? ", " : "");
            }

            text.AppendLine();
        }
    }
}
