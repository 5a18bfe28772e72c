using System.Data.Common;
using CloudBroker.Persistence;
using CloudBroker.Placement.Pools;
using CloudBroker.Problems;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CloudBroker.Placement.Inventory;

/// <summary>
/// The statements that change an inventory row's allocated counters, the same text on SQLite and PostgreSQL, run in the
/// save's transaction after EF wrote its rows (<see cref="CapacitySaveStep"/>). A claim is one conditional UPDATE: it
/// adds the request only if every resource stays within capacity × ratio − headroom (the ratios and headroom read from
/// the pool in the same statement), so two saves can never both take the last unit: the second waits for the first's
/// row lock (PostgreSQL) or the database's write lock (SQLite) and then re-evaluates its condition on the new counters.
/// </summary>
internal static class CapacitySql
{
    private const string Rows = "\"" + PoolInventoryConfiguration.Table + "\"";
    private const string Pools = "\"" + PoolConfiguration.Table + "\"";
    private const string Claims = "\"" + CapacityClaimConfiguration.Table + "\"";

    private const string Ensure =
        $"INSERT INTO {Rows} (\"Id\", \"PoolId\", \"RealmId\", \"CapacityCpu\", \"CapacityMemoryMiB\", \"CapacityStorageGiB\", " +
        "\"AllocatedCpu\", \"AllocatedMemoryMiB\", \"AllocatedStorageGiB\", \"Generation\") " +
        "VALUES (@id, @pool, @realm, @cpu, @memory, @storage, 0, 0, 0, 0) ON CONFLICT (\"Id\") DO NOTHING";

    private const string Claim =
        $"UPDATE {Rows} SET \"AllocatedCpu\" = \"AllocatedCpu\" + @cpu, \"AllocatedMemoryMiB\" = \"AllocatedMemoryMiB\" + @memory, " +
        "\"AllocatedStorageGiB\" = \"AllocatedStorageGiB\" + @storage, \"Generation\" = \"Generation\" + 1 " +
        $"WHERE \"Id\" = @id AND EXISTS (SELECT 1 FROM {Pools} p WHERE p.\"Id\" = {Rows}.\"PoolId\" AND p.\"Enabled\" " +
        $"AND ({Rows}.\"CapacityCpu\" IS NULL OR {Rows}.\"AllocatedCpu\" + @cpu <= {Rows}.\"CapacityCpu\" * p.\"CpuRatio\" - p.\"HeadroomCpu\") " +
        $"AND ({Rows}.\"CapacityMemoryMiB\" IS NULL OR {Rows}.\"AllocatedMemoryMiB\" + @memory <= {Rows}.\"CapacityMemoryMiB\" * p.\"MemoryRatio\" - p.\"HeadroomMemoryMiB\") " +
        $"AND ({Rows}.\"CapacityStorageGiB\" IS NULL OR {Rows}.\"AllocatedStorageGiB\" + @storage <= {Rows}.\"CapacityStorageGiB\" * p.\"StorageRatio\" - p.\"HeadroomStorageGiB\"))";

    private const string Count =
        $"UPDATE {Rows} SET \"AllocatedCpu\" = \"AllocatedCpu\" + @cpu, \"AllocatedMemoryMiB\" = \"AllocatedMemoryMiB\" + @memory, " +
        "\"AllocatedStorageGiB\" = \"AllocatedStorageGiB\" + @storage, \"Generation\" = \"Generation\" + 1 WHERE \"Id\" = @id";

    private const string Release =
        $"UPDATE {Rows} SET \"AllocatedCpu\" = \"AllocatedCpu\" - @cpu, \"AllocatedMemoryMiB\" = \"AllocatedMemoryMiB\" - @memory, " +
        "\"AllocatedStorageGiB\" = \"AllocatedStorageGiB\" - @storage, \"Generation\" = \"Generation\" + 1 WHERE \"Id\" = @id";

    private const string Move = $"UPDATE {Claims} SET \"InventoryId\" = @id WHERE \"InstanceId\" = @instance";

    private const string Room =
        $"SELECT r.\"CapacityCpu\", r.\"CapacityMemoryMiB\", r.\"CapacityStorageGiB\", r.\"AllocatedCpu\", r.\"AllocatedMemoryMiB\", r.\"AllocatedStorageGiB\", " +
        $"p.\"CpuRatio\", p.\"MemoryRatio\", p.\"StorageRatio\", p.\"HeadroomCpu\", p.\"HeadroomMemoryMiB\", p.\"HeadroomStorageGiB\" " +
        $"FROM {Rows} r JOIN {Pools} p ON p.\"Id\" = r.\"PoolId\" WHERE r.\"Id\" = @id";

    /// <summary>Counts <paramref name="claim"/> on the first of its candidates with room, or throws 409 capacity-exhausted.</summary>
    public static async Task ClaimAsync(DbContext db, CapacityClaim claim, CancellationToken cancellationToken)
    {
        var (connection, transaction) = Open(db);
        foreach (var candidate in claim.Candidates)
        {
            await EnsureAsync(connection, transaction, candidate, cancellationToken);
            if (await ChangeAsync(connection, transaction, Claim, candidate.InventoryId, claim, cancellationToken) == 1)
            {
                if (candidate.InventoryId != claim.InventoryId)
                {
                    await using var move = connection.CreateCommand(transaction, Move);
                    move.AddParameter("@id", candidate.InventoryId);
                    move.AddParameter("@instance", claim.InstanceId);
                    await move.ExecuteNonQueryAsync(cancellationToken);
                    claim.InventoryId = candidate.InventoryId;
                }

                return;
            }
        }

        throw await ExhaustedAsync(connection, transaction, claim, claim.Candidates[^1], cancellationToken);
    }

    /// <summary>
    /// Counts <paramref name="claim"/> on its one candidate whatever room is left: a machine the provider already runs
    /// (<see cref="ObservedClaims"/>). The row may then hold more than it may allocate; every claim's condition refuses it.
    /// </summary>
    public static async Task CountAsync(DbContext db, CapacityClaim claim, CancellationToken cancellationToken)
    {
        var (connection, transaction) = Open(db);
        await EnsureAsync(connection, transaction, claim.Candidates[0], cancellationToken);
        await ChangeAsync(connection, transaction, Count, claim.InventoryId, claim, cancellationToken);
    }

    /// <summary>Gives back what <paramref name="claim"/> held on its row.</summary>
    public static async Task ReleaseAsync(DbContext db, CapacityClaim claim, CancellationToken cancellationToken)
    {
        var (connection, transaction) = Open(db);
        await ChangeAsync(connection, transaction, Release, claim.InventoryId, claim, cancellationToken);
    }

    /// <summary>Makes the candidate's row if the refresher has not yet (with the pool's declared capacity).</summary>
    private static async Task EnsureAsync(DbConnection connection, DbTransaction transaction, ClaimCandidate candidate, CancellationToken cancellationToken)
    {
        await using var ensure = connection.CreateCommand(transaction, Ensure);
        ensure.AddParameter("@id", candidate.InventoryId);
        ensure.AddParameter("@pool", candidate.PoolId);
        ensure.AddParameter("@realm", candidate.RealmId);
        ensure.AddParameter("@cpu", candidate.Declared?.Cpu);
        ensure.AddParameter("@memory", candidate.Declared?.MemoryMiB);
        ensure.AddParameter("@storage", candidate.Declared?.StorageGiB);
        await ensure.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<int> ChangeAsync(DbConnection connection, DbTransaction transaction, string sql, string id, CapacityClaim claim, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand(transaction, sql);
        command.AddParameter("@id", id);
        command.AddParameter("@cpu", claim.Cpu);
        command.AddParameter("@memory", claim.MemoryMiB);
        command.AddParameter("@storage", claim.StorageGiB);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The refusal, with the numbers of the row that refused last (a pool the caller may use: it was a candidate).</summary>
    private static async Task<ProblemException> ExhaustedAsync(
        DbConnection connection, DbTransaction transaction, CapacityClaim claim, ClaimCandidate last, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand(transaction, Room);
        command.AddParameter("@id", last.InventoryId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var extensions = new Dictionary<string, object?> { ["poolId"] = last.PoolId, ["realmId"] = last.RealmId };
        var detail = $"pool '{last.PoolId}' has no room in realm '{last.RealmId}'";
        if (await reader.ReadAsync(cancellationToken))
        {
            var resources = new (string Name, long Requested, int Column)[] { ("cpu", claim.Cpu, 0), ("memoryMiB", claim.MemoryMiB, 1), ("storageGiB", claim.StorageGiB, 2) };
            foreach (var (name, requested, column) in resources)
            {
                if (reader.IsDBNull(column))
                {
                    continue;
                }

                var room = (long)Math.Floor(reader.GetInt64(column) * reader.GetDouble(column + 6)) - reader.GetInt64(column + 9);
                var allocated = reader.GetInt64(column + 3);
                if (allocated + requested > room)
                {
                    extensions["resource"] = name;
                    extensions["capacity"] = room;
                    extensions["allocated"] = allocated;
                    extensions["requested"] = requested;
                    detail += $": {name} {allocated} allocated + {requested} asked > {room} (capacity × overcommit − headroom)";
                    break;
                }
            }
        }

        if (!extensions.ContainsKey("resource"))
        {
            detail += ": the pool was disabled";
        }

        return new ProblemException(ProblemTypes.CapacityExhausted, detail, extensions: extensions);
    }

    private static (DbConnection Connection, DbTransaction Transaction) Open(DbContext db) =>
        (db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("capacity counters change only inside the save's transaction"));
}
