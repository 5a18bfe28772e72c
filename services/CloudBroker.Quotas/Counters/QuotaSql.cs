using System.Collections.Concurrent;
using System.Text;
using CloudBroker.Quotas.Ledger;
using CloudBroker.Quotas.Limits;
using CloudBroker.Quotas.Pricing;

namespace CloudBroker.Quotas.Counters;

/// <summary>
/// The counter statements, the same text on SQLite (3.35+) and PostgreSQL. Only fixed table and column names are
/// written into them; every value is a parameter.
/// </summary>
internal static class QuotaSql
{
    /// <summary>Columns the upsert returns per scope: limit, used, reserved of each resource, then the row's budget period, scope and id.</summary>
    public static readonly int PeriodColumn = QuotaResources.Columns.Count * 3;

    private const string Quotas = "\"" + QuotaConfiguration.Table + "\"";
    private const string Reservations = "\"" + ReservationConfiguration.Table + "\"";
    private static readonly ConcurrentDictionary<int, string> Batches = new();

    /// <summary>Creates a scope's row if it has none (for a limit set before anything was used).</summary>
    public static readonly string Ensure =
        $"INSERT INTO {Quotas} (\"Scope\", \"ScopeId\", \"TenantId\", \"Period\", \"Version\", {string.Join(", ", Counters("Used", "Reserved"))}) " +
        $"VALUES (@scope, @scopeId, @tenantId, @period, 0, {string.Join(", ", QuotaResources.Columns.SelectMany(_ => new[] { "0", "0" }))}) " +
        "ON CONFLICT (\"Scope\", \"ScopeId\") DO NOTHING";

    /// <summary>
    /// One upsert of <paramref name="count"/> scope rows (parameters suffixed <c>_0</c>, <c>_1</c>, … in lock order):
    /// each row gets a save's changes added (<c>excluded</c> carries them), is created if needed, and comes back with
    /// every counter after the change and its period. One statement keeps the parse and the round trip to one per save;
    /// the row locks it takes are held to commit. A row still in an older month keeps its budget and period (the caller
    /// re-bases it, <see cref="Rebase"/>).
    /// </summary>
    public static string Upserts(int count) => Batches.GetOrAdd(count, BuildUpserts);

    /// <summary>
    /// The estimate a scope's ledger holds in a month (its budget's <c>reserved</c>): the sum of its lines as the month
    /// counts them (<see cref="BudgetPeriod.Counted"/>: lines of the month at their amount, live lines of older months at
    /// the full month). A plain read: it takes no lock on the ledger, so the rollover that runs it while holding counter
    /// locks never waits for a line another transaction holds (which was a deadlock: that transaction waits for the counters).
    /// </summary>
    public static string BudgetSum(string scope)
    {
        const string counted = "CASE WHEN \"Period\" = @period THEN \"BudgetMicros\" ELSE (\"HourlyMicros\" * @seconds + 3599) / 3600 END";
        return $"SELECT COALESCE(SUM({counted}), 0) " +
            $"FROM {Reservations} WHERE {Of(scope)} AND (\"Period\" = @period OR (\"Period\" < @period AND \"Status\" <> 'released'))";
    }

    /// <summary>Sets a scope's re-based budget and moves its row into this month.</summary>
    public static readonly string Rebase =
        $"UPDATE {Quotas} SET \"BudgetUsed\" = @bu, \"BudgetReserved\" = @br, \"Period\" = @period WHERE \"Scope\" = @scope AND \"ScopeId\" = @scopeId";

    // Tenant, group and user rows of the ledger are found through the tenant's index; a provider's through a scan
    // (once per provider and month).
    private static string Of(string scope) => scope == QuotaScopes.Provider
        ? "\"ProviderId\" = @scopeId"
        : $"\"TenantId\" = @tenantId AND {QuotaScopes.ReservationColumn(scope)} = @scopeId";

    private static string BuildUpserts(int count)
    {
        var columns = QuotaResources.Columns;
        var sql = new StringBuilder();
        sql.Append($"INSERT INTO {Quotas} (\"Scope\", \"ScopeId\", \"TenantId\", \"Period\", \"Version\", ")
            .Append(string.Join(", ", Counters("Used", "Reserved")))
            .Append(") VALUES ")
            .Append(string.Join(", ", Enumerable.Range(0, count).Select(n =>
                $"(@scope_{n}, @scopeId_{n}, @tenantId_{n}, @period, 0, " + string.Join(", ", columns.Select((_, i) => $"@u{i}_{n}, @r{i}_{n}")) + ")")))
            .Append(" ON CONFLICT (\"Scope\", \"ScopeId\") DO UPDATE SET ");
        var sets = new List<string>();
        foreach (var column in Counters("Used", "Reserved"))
        {
            var added = $"{Quotas}.{column} + excluded.{column}";
            sets.Add(column.StartsWith("\"Budget", StringComparison.Ordinal)
                ? $"{column} = CASE WHEN {Quotas}.\"Period\" = excluded.\"Period\" THEN {added} ELSE {Quotas}.{column} END"
                : $"{column} = {added}");
        }

        sql.Append(string.Join(", ", sets))
            .Append(" RETURNING ").Append(string.Join(", ", Counters("Limit", "Used", "Reserved"))).Append(", \"Period\", \"Scope\", \"ScopeId\"");
        return sql.ToString();
    }

    private static IEnumerable<string> Counters(params string[] parts) =>
        QuotaResources.Columns.SelectMany(c => parts.Select(p => $"\"{c}{p}\""));
}
