using System.Data.Common;

namespace CloudBroker.Integration.Tests.Placement;

/// <summary>An inventory row as stored: its capacity (<c>null</c>: unlimited) and allocated counters.</summary>
internal sealed record InventoryRow(string Id, string PoolId, string RealmId, long? CapacityCpu, long? CapacityMemoryMiB, long? CapacityStorageGiB, Resources Allocated);

/// <summary>A capacity claim as stored.</summary>
internal sealed record ClaimRow(string InstanceId, string InventoryId, Resources Held);

/// <summary>An instance as stored (the members the claims depend on).</summary>
internal sealed record InstanceRow(string Id, string Name, string ProviderId, string? RealmId, string State, Resources Size)
{
    /// <summary>Whether the state holds capacity (the claim is given back on the move to terminated, error or vanished).</summary>
    public bool IsLive => State is not ("Terminated" or "Error" or "Vanished");

    /// <summary>Whether the workflow is still working on it.</summary>
    public bool IsSettling => State is "Pending" or "Terminating" or "Stopping" or "Rebooting";
}

/// <summary>
/// The inventory rows, claims and instances read from the broker's database in one transaction (the same SQL on SQLite and
/// PostgreSQL), from outside the broker: what the invariants are checked on.
/// </summary>
internal sealed record InventorySnapshot(IReadOnlyList<InventoryRow> Rows, IReadOnlyList<ClaimRow> Claims, IReadOnlyList<InstanceRow> Instances)
{
    public static async Task<InventorySnapshot> ReadAsync(Func<DbConnection> open, CancellationToken cancellationToken)
    {
        await using var connection = open();
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var rows = await QueryAsync(connection, transaction,
            """SELECT "Id", "PoolId", "RealmId", "CapacityCpu", "CapacityMemoryMiB", "CapacityStorageGiB", "AllocatedCpu", "AllocatedMemoryMiB", "AllocatedStorageGiB" FROM "pool_inventory" """,
            r => new InventoryRow(r.GetString(0), r.GetString(1), r.GetString(2), Long(r, 3), Long(r, 4), Long(r, 5), new Resources(r.GetInt64(6), r.GetInt64(7), r.GetInt64(8))),
            cancellationToken);
        var claims = await QueryAsync(connection, transaction,
            """SELECT "InstanceId", "InventoryId", "Cpu", "MemoryMiB", "StorageGiB" FROM "capacity_claims" """,
            r => new ClaimRow(r.GetString(0), r.GetString(1), new Resources(r.GetInt64(2), r.GetInt64(3), r.GetInt64(4))),
            cancellationToken);
        var instances = await QueryAsync(connection, transaction,
            """SELECT "Id", "Name", "ProviderId", "RealmId", "State", "Cpu", "MemoryMiB", "StorageGiB" FROM "instances" """,
            r => new InstanceRow(r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4),
                new Resources(r.GetInt64(5), r.GetInt64(6), r.GetInt64(7))),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new InventorySnapshot(rows, claims, instances);
    }

    /// <summary>Polls until no instance is still being worked on (every create ended running or in error, every destroy terminated).</summary>
    public static async Task<InventorySnapshot> SettledAsync(Func<DbConnection> open, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var snapshot = await ReadAsync(open, cancellationToken);
            var settling = snapshot.Instances.Where(i => i.IsSettling).ToList();
            if (settling.Count == 0)
            {
                return snapshot;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{settling.Count} instance(s) still settling after {timeout}: " +
                    string.Join(", ", settling.Take(5).Select(i => $"{i.Name} {i.State}")));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    private static long? Long(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetInt64(column);

    private static async Task<List<T>> QueryAsync<T>(
        DbConnection connection, DbTransaction transaction, string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(map(reader));
        }

        return list;
    }
}
