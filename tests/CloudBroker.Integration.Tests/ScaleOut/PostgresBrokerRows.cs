using System.Text.Json.Nodes;
using Npgsql;

namespace CloudBroker.Integration.Tests.ScaleOut;

/// <summary>The scaled-out broker's PostgreSQL database, read from outside the broker.</summary>
internal sealed class PostgresBrokerRows(string connectionString) : IBrokerRows
{
    public string InstallationId()
    {
        using var connection = Open();
        return BrokerRowDump.InstallationId(connection);
    }

    public string Describe(IEnumerable<string> instanceIds, int maxInstances = 8) => BrokerRowDump.Describe(Open, instanceIds, maxInstances);

    /// <summary>Every operation (one query: a thousand operations are polled in a few milliseconds).</summary>
    public async Task<IReadOnlyList<OperationRow>> OperationsAsync(CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = new NpgsqlCommand(
            """SELECT "Id", "Kind", "Status", "TargetId", "Error" IS NOT NULL, "CreatedAt", "UpdatedAt" FROM "operations";""", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<OperationRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new OperationRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetBoolean(4),
                reader.GetDateTime(5), reader.GetDateTime(6)));
        }

        return rows;
    }

    /// <summary>Terminal operations in the shape <see cref="CloudInvariants"/> reads from the API (id, kind, status, targetId).</summary>
    public static Dictionary<string, JsonObject> AsOutcomes(IEnumerable<OperationRow> rows) => rows.Where(r => r.IsTerminal).ToDictionary(
        r => r.Id,
        r => new JsonObject { ["id"] = r.Id, ["kind"] = r.Kind.ToLowerInvariant(), ["status"] = r.Status.ToLowerInvariant(), ["targetId"] = r.TargetId });

    private NpgsqlConnection Open()
    {
        var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        return connection;
    }
}
