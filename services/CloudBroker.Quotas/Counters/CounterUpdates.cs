using System.Data.Common;
using CloudBroker.Persistence;
using CloudBroker.Quotas.Limits;
using CloudBroker.Quotas.Pricing;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Quotas.Counters;

/// <summary>
/// The statements that change counters: a save's changes (<see cref="ScopeDelta"/>s) applied inside its transaction,
/// after EF wrote its rows (<see cref="QuotaSaveStep"/>): one atomic <c>INSERT … ON CONFLICT DO UPDATE … RETURNING</c>
/// of every scope's row, in lock order, each row checked against the limits the statement returns. Because the check reads what the same locked statement wrote, two
/// concurrent requests can never both take the last unit (see docs/quotas.md for the argument).
/// </summary>
internal static class CounterUpdates
{
    public static async Task ApplyAsync(
        DbContext db, IReadOnlyList<ScopeDelta> deltas, BudgetPeriod period, string currency, IRatedCost rated, CancellationToken cancellationToken)
    {
        var rows = await UpsertAsync(db, deltas, period, cancellationToken);
        for (var n = 0; n < deltas.Count; n++)
        {
            if (rows[n].Period != period.Key)
            {
                // The scope's first save of a new month (or, at the turn of a month, a save that began in the old one and
                // found the row already in the new one, its budget change dropped): its row is locked now, so no other
                // save can add to it until this one commits, and its ledger sum includes this save's own lines.
                var month = string.CompareOrdinal(rows[n].Period, period.Key) > 0 ? BudgetPeriod.Parse(rows[n].Period) : period;
                var (reserved, used) = await RebaseAsync(db, deltas[n], month, rated, cancellationToken);
                rows[n] = rows[n].WithBudget(used, reserved);
            }

            if (deltas[n].Check)
            {
                Check(deltas[n], rows[n], currency);
            }
        }
    }

    /// <summary>
    /// A rating run's recount, in its transaction after it wrote the charges and the lines: locks every scope's row in
    /// lock order with the save's own statement (adding nothing; rows are created if needed), then sets each budget that
    /// is not in a newer month to the scope's rated cost and ledger estimate, as the month rollover would.
    /// </summary>
    public static async Task RecountAsync(DbContext db, IReadOnlyList<ScopeDelta> scopes, BudgetPeriod period, IRatedCost rated, CancellationToken cancellationToken)
    {
        var rows = await UpsertAsync(db, scopes, period, cancellationToken);
        for (var n = 0; n < scopes.Count; n++)
        {
            if (string.CompareOrdinal(rows[n].Period, period.Key) <= 0)
            {
                await RebaseAsync(db, scopes[n], period, rated, cancellationToken);
            }
        }
    }

    /// <summary>The one upsert of every scope's row (adding the deltas), in the order given, which is the lock order; the rows as it returned them.</summary>
    private static async Task<ScopeCounters[]> UpsertAsync(DbContext db, IReadOnlyList<ScopeDelta> deltas, BudgetPeriod period, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("quota counters change only inside the save's transaction");
        var rows = new ScopeCounters[deltas.Count];
        await using var command = connection.CreateCommand(transaction, QuotaSql.Upserts(deltas.Count));
        command.AddParameter("@period", period.Key);
        for (var n = 0; n < deltas.Count; n++)
        {
            var delta = deltas[n];
            command.AddParameter($"@scope_{n}", delta.Scope);
            command.AddParameter($"@scopeId_{n}", delta.ScopeId);
            command.AddParameter($"@tenantId_{n}", delta.TenantId);
            for (var i = 0; i < QuotaResources.All.Count; i++)
            {
                command.AddParameter($"@u{i}_{n}", delta.Used[i]);
                command.AddParameter($"@r{i}_{n}", delta.Reserved[i]);
            }
        }

        // Rows come back identified by scope and id (a multi-row RETURNING promises no order).
        var index = deltas.Select((d, n) => (d, n)).ToDictionary(x => (x.d.Scope, x.d.ScopeId), x => x.n);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows[index[(reader.GetString(QuotaSql.PeriodColumn + 1), reader.GetString(QuotaSql.PeriodColumn + 2))]] = ScopeCounters.Read(reader);
            }
        }

        return rows.Any(r => r is null) ? throw new InvalidOperationException("the quota upsert did not return every scope's row") : rows;
    }

    /// <summary>Creates a scope's row if it has none (for a limit set before anything was used), in the caller's transaction if it has one.</summary>
    public static async Task EnsureRowAsync(DbContext db, string scope, string scopeId, string? tenantId, BudgetPeriod period, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand(db.Database.CurrentTransaction?.GetDbTransaction(), QuotaSql.Ensure);
            command.AddParameter("@scope", scope);
            command.AddParameter("@scopeId", scopeId);
            command.AddParameter("@tenantId", tenantId);
            command.AddParameter("@period", period.Key);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void Check(ScopeDelta delta, ScopeCounters row, string currency)
    {
        for (var i = 0; i < QuotaResources.All.Count; i++)
        {
            var requested = delta.Requested(i);
            if (requested > 0 && row.Limit[i] is { } limit && row.Used[i] + row.Reserved[i] > limit)
            {
                throw QuotaExceeded.Problem(delta.Scope, delta.ScopeId, i, limit, row.Used[i] - delta.Used[i], row.Reserved[i] - delta.Reserved[i], requested, currency);
            }
        }
    }

    /// <summary>
    /// Sets a scope's budget for <paramref name="period"/> from what it is made of: <c>reserved</c> = its ledger as that
    /// month counts it, <c>used</c> = its rated cost of the month (<see cref="IRatedCost"/>). Run with the scope's row
    /// locked. Only reads of the ledger and the charges: no line is rewritten, so this never waits for a line another
    /// transaction holds.
    /// </summary>
    private static async Task<(long Reserved, long Used)> RebaseAsync(
        DbContext db, ScopeDelta delta, BudgetPeriod period, IRatedCost rated, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        long reserved;
        await using (var sum = connection.CreateCommand(transaction, QuotaSql.BudgetSum(delta.Scope)))
        {
            sum.AddParameter("@scopeId", delta.ScopeId);
            sum.AddParameter("@tenantId", delta.TenantId);
            sum.AddParameter("@period", period.Key);
            sum.AddParameter("@seconds", period.Seconds);
            reserved = Convert.ToInt64(await sum.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        var used = await rated.MonthToDateAsync(db, delta.Scope, delta.ScopeId, delta.TenantId, period, cancellationToken);
        await using var rebase = connection.CreateCommand(transaction, QuotaSql.Rebase);
        rebase.AddParameter("@bu", used);
        rebase.AddParameter("@br", reserved);
        rebase.AddParameter("@period", period.Key);
        rebase.AddParameter("@scope", delta.Scope);
        rebase.AddParameter("@scopeId", delta.ScopeId);
        await rebase.ExecuteNonQueryAsync(cancellationToken);
        return (reserved, used);
    }
}
