using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CloudBroker.Bench.Claims;

/// <summary>The bench row as stored after a burst: its allocated vCPUs, and its claims' count and sum.</summary>
internal sealed record ClaimLedger(long AllocatedCpu, long Claims, long ClaimedCpu)
{
    private const string Query =
        "SELECT r.\"AllocatedCpu\", (SELECT count(*) FROM \"capacity_claims\" c WHERE c.\"InventoryId\" = r.\"Id\"), " +
        "(SELECT COALESCE(SUM(c.\"Cpu\"), 0) FROM \"capacity_claims\" c WHERE c.\"InventoryId\" = r.\"Id\") " +
        "FROM \"pool_inventory\" r WHERE r.\"Id\" = @id";

    public static Task<ClaimLedger> ReadSqliteAsync(string databasePath, CancellationToken cancellationToken) =>
        ReadAsync(new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False"), cancellationToken);

    public static Task<ClaimLedger> ReadPostgresAsync(string connectionString, CancellationToken cancellationToken) =>
        ReadAsync(new NpgsqlConnection(connectionString), cancellationToken);

    private static async Task<ClaimLedger> ReadAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using (connection)
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = Query;
            var id = command.CreateParameter();
            id.ParameterName = "@id";
            id.Value = ClaimScenario.PoolId + "/" + ClaimScenario.RealmId;
            command.Parameters.Add(id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken)
                ? new ClaimLedger(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2))
                : throw new BenchException($"no inventory row {id.Value} after the burst");
        }
    }
}
