using System.Data.Common;
using System.Text;

namespace CloudBroker.Integration.Tests;

/// <summary>
/// Reads shared by both databases (the schema's names are the same; identifiers are quoted so PostgreSQL keeps their case):
/// the installation id, and every row about an instance — the instance, its operations, its history and the outbox rows that name them.
/// </summary>
internal static class BrokerRowDump
{
    public static string InstallationId(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Id" FROM "installation";""";
        return command.ExecuteScalar() as string ?? throw new InvalidOperationException("no installation row");
    }

    public static string Describe(Func<DbConnection> open, IEnumerable<string> instanceIds, int maxInstances)
    {
        var text = new StringBuilder();
        try
        {
            using var connection = open();
            foreach (var id in instanceIds.Distinct().Take(maxInstances))
            {
                text.AppendLine($"--- instance {id}");
                Dump(connection, text, "instances", """SELECT * FROM "instances" WHERE "Id" = @id;""", id);
                Dump(connection, text, "operations", """SELECT * FROM "operations" WHERE "TargetId" = @id ORDER BY "CreatedAt";""", id);
                Dump(connection, text, "instance_events", """SELECT * FROM "instance_events" WHERE "InstanceId" = @id ORDER BY "Id";""", id);
                Dump(connection, text, "outbox",
                    """
                    SELECT * FROM "outbox" WHERE "Body" LIKE '%' || @id || '%'
                       OR EXISTS (SELECT 1 FROM "operations" o WHERE o."TargetId" = @id AND "outbox"."Body" LIKE '%' || o."Id" || '%')
                    ORDER BY "Id";
                    """, id);
            }
        }
        catch (DbException ex)
        {
            text.AppendLine("(cannot read the broker's database: " + ex.Message + ")");
        }

        return text.ToString();
    }

    private static void Dump(DbConnection connection, StringBuilder text, string title, string sql, string id)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@id";
        parameter.Value = id;
        command.Parameters.Add(parameter);
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
