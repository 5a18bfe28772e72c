using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CloudBroker.Bench;

/// <summary>The dispatcher's side, read from the broker's database after the run (read-only).</summary>
/// <param name="ExecuteByOperation">Per operation id: its ExecuteOperation row's creation, claim and sent times.</param>
/// <param name="RunningNoticeClaimedByInstance">
/// Per instance id: when the dispatcher claimed the InstanceStateChanged(→running) row, which the running step's transaction
/// wrote: it could not be claimed before that transaction committed, so it bounds the commit from above.
/// </param>
internal sealed record OutboxTimes(
    IReadOnlyDictionary<string, (DateTime Created, DateTime? Claimed, DateTime? Sent)> ExecuteByOperation,
    IReadOnlyDictionary<string, DateTime> RunningNoticeClaimedByInstance)
{
    private const string ExecuteOperation = "CloudBroker.Contracts.ExecuteOperation";
    private const string InstanceStateChanged = "CloudBroker.Contracts.InstanceStateChanged";

    /// <summary>From the embedded API's SQLite file.</summary>
    public static OutboxTimes Read(string databasePath)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT MessageType,
                   coalesce(json_extract(Body, '$.operationId'), json_extract(Body, '$.instanceId')),
                   json_extract(Body, '$.toState'), CreatedAt, LockedUntil, SentAt
            FROM outbox
            WHERE MessageType IN ('{ExecuteOperation}', '{InstanceStateChanged}')
            """;
        using var reader = command.ExecuteReader();

        // EF Core stores DateTime in SQLite as 'yyyy-MM-dd HH:mm:ss.FFFFFFF' text; the broker's are UTC.
        return FromRows(reader, column => DateTime.SpecifyKind(
            DateTime.Parse(reader.GetString(column), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), DateTimeKind.Utc));
    }

    /// <summary>From the scaled-out broker's PostgreSQL database.</summary>
    public static async Task<OutboxTimes> ReadAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT "MessageType",
                   coalesce("Body"::jsonb ->> 'operationId', "Body"::jsonb ->> 'instanceId'),
                   "Body"::jsonb ->> 'toState', "CreatedAt", "LockedUntil", "SentAt"
            FROM outbox
            WHERE "MessageType" IN ('{ExecuteOperation}', '{InstanceStateChanged}')
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return FromRows(reader, column => DateTime.SpecifyKind(reader.GetDateTime(column), DateTimeKind.Utc));
    }

    /// <summary>Rows of (type, operation or instance id, toState, created, locked until, sent).</summary>
    private static OutboxTimes FromRows(DbDataReader reader, Func<int, DateTime> utc)
    {
        var execute = new Dictionary<string, (DateTime, DateTime?, DateTime?)>(StringComparer.Ordinal);
        var notices = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var id = reader.GetString(1);
            DateTime? claimed = reader.IsDBNull(4) ? null : utc(4) - CreateScenario.ClaimLease;
            if (reader.GetString(0) == ExecuteOperation)
            {
                execute[id] = (utc(3), claimed, reader.IsDBNull(5) ? null : utc(5));
            }
            else if (!reader.IsDBNull(2) && reader.GetString(2) == "running" && claimed is { } at)
            {
                notices[id] = at;
            }
        }

        return new OutboxTimes(execute, notices);
    }
}
