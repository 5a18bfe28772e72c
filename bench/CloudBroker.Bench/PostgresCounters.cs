using Npgsql;

namespace CloudBroker.Bench;

/// <summary>
/// The broker database's activity counters (<c>pg_stat_database</c>, <c>pg_stat_user_tables</c>) and the server's WAL
/// position; the difference of two readings is what happened between them. Backends report their counts at most
/// about once a second, so a reading waits a moment first (<see cref="ReadSettledAsync"/>).
/// </summary>
internal sealed record PostgresCounters(
    long Commits, long Rollbacks, long RowsInserted, long RowsUpdated, long RowsDeleted, long WalBytes, IReadOnlyDictionary<string, (long Inserted, long Updated)> Tables)
{
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(1.5);

    public static async Task<PostgresCounters> ReadSettledAsync(string connectionString, CancellationToken cancellationToken)
    {
        await Task.Delay(Settle, cancellationToken);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        long[] database;
        await using (var command = new NpgsqlCommand("""
            SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted, pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint
            FROM pg_stat_database WHERE datname = current_database()
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            database = [.. Enumerable.Range(0, 6).Select(reader.GetInt64)];
        }

        var tables = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand("SELECT relname, n_tup_ins, n_tup_upd FROM pg_stat_user_tables", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                tables[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2));
            }
        }

        return new PostgresCounters(database[0], database[1], database[2], database[3], database[4], database[5], tables);
    }

    public PostgresCounters Since(PostgresCounters before) => new(
        Commits - before.Commits,
        Rollbacks - before.Rollbacks,
        RowsInserted - before.RowsInserted,
        RowsUpdated - before.RowsUpdated,
        RowsDeleted - before.RowsDeleted,
        WalBytes - before.WalBytes,
        Tables.ToDictionary(
            t => t.Key,
            t => before.Tables.TryGetValue(t.Key, out var b) ? (t.Value.Inserted - b.Inserted, t.Value.Updated - b.Updated) : t.Value,
            StringComparer.Ordinal));

    public long Inserted(string table) => Tables.TryGetValue(table, out var t) ? t.Inserted : 0;
}
