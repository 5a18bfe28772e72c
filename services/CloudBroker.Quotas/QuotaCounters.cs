using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CloudBroker.Quotas;

/// <summary>
/// Applies a save's counter changes inside its transaction, after EF wrote its rows: one atomic
/// <c>INSERT … ON CONFLICT DO UPDATE … RETURNING</c> per scope, in lock order, each checked against the
/// limits the statement returns. Because the check reads what the same locked statement wrote, two
/// concurrent requests can never both take the last unit (see docs/quotas.md for the argument).
/// </summary>
internal static class QuotaCounters
{
    public static async Task ApplyAsync(DbContext db, IReadOnlyList<ScopeDelta> deltas, BudgetPeriod period, string currency, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("quota counters change only inside the save's transaction");
        var stale = await StaleAsync(connection, transaction, deltas, period, cancellationToken);
        var rebased = new Dictionary<ScopeDelta, (long Reserved, long Used)>();
        foreach (var delta in deltas.Where(d => stale.Contains((d.Scope, d.ScopeId))))
        {
            rebased[delta] = await RebaseAsync(connection, transaction, delta, period, cancellationToken);
        }

        foreach (var delta in deltas)
        {
            await using var command = Command(connection, transaction, QuotaSql.Upsert);
            Add(command, "@scope", delta.Scope);
            Add(command, "@scopeId", delta.ScopeId);
            Add(command, "@tenantId", delta.TenantId);
            Add(command, "@period", period.Key);
            for (var i = 0; i < QuotaResources.All.Count; i++)
            {
                Add(command, $"@u{i}", delta.Used[i]);
                Add(command, $"@r{i}", delta.Reserved[i]);
            }

            var (baseReserved, baseUsed) = rebased.GetValueOrDefault(delta);
            Add(command, "@bu", baseUsed);
            Add(command, "@br", baseReserved);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new InvalidOperationException("the quota upsert returned no row");
            }

            if (delta.Check)
            {
                Check(delta, reader, currency);
            }
        }
    }

    /// <summary>Creates a scope's row if it has none, in the caller's transaction if it has one.</summary>
    public static async Task EnsureAsync(DbContext db, string scope, string scopeId, string? tenantId, BudgetPeriod period, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = Command(connection, db.Database.CurrentTransaction?.GetDbTransaction(), QuotaSql.Ensure);
            Add(command, "@scope", scope);
            Add(command, "@scopeId", scopeId);
            Add(command, "@tenantId", tenantId);
            Add(command, "@period", period.Key);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void Check(ScopeDelta delta, DbDataReader reader, string currency)
    {
        for (var i = 0; i < QuotaResources.All.Count; i++)
        {
            var requested = delta.Requested(i);
            if (requested <= 0 || reader.IsDBNull(i * 3))
            {
                continue;
            }

            var limit = reader.GetInt64(i * 3);
            var used = reader.GetInt64((i * 3) + 1);
            var reserved = reader.GetInt64((i * 3) + 2);
            if (used + reserved > limit)
            {
                throw QuotaExceeded.Problem(delta.Scope, delta.ScopeId, i, limit, used - delta.Used[i], reserved - delta.Reserved[i], requested, currency);
            }
        }
    }

    private static async Task<HashSet<(string, string)>> StaleAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<ScopeDelta> deltas, BudgetPeriod period, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, QuotaSql.StaleSelect(deltas.Count));
        Add(command, "@period", period.Key);
        for (var i = 0; i < deltas.Count; i++)
        {
            Add(command, $"@s{i}", deltas[i].Scope);
            Add(command, $"@i{i}", deltas[i].ScopeId);
        }

        var stale = new HashSet<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            stale.Add((reader.GetString(0), reader.GetString(1)));
        }

        return stale;
    }

    /// <summary>A new month for this scope: carry its live allocations into it, then sum its ledger for the month.</summary>
    private static async Task<(long Reserved, long Used)> RebaseAsync(
        DbConnection connection, DbTransaction transaction, ScopeDelta delta, BudgetPeriod period, CancellationToken cancellationToken)
    {
        await using (var carry = Command(connection, transaction, QuotaSql.Carry(delta.Scope)))
        {
            Add(carry, "@scopeId", delta.ScopeId);
            Add(carry, "@period", period.Key);
            Add(carry, "@seconds", period.Seconds);
            await carry.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var sum = Command(connection, transaction, QuotaSql.BudgetSum(delta.Scope));
        Add(sum, "@scopeId", delta.ScopeId);
        Add(sum, "@period", period.Key);
        await using var reader = await sum.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
