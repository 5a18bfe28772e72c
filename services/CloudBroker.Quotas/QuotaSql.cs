using System.Text;

namespace CloudBroker.Quotas;

/// <summary>
/// The counter statements, the same text on SQLite (3.35+) and PostgreSQL. Only fixed table and column names are
/// written into them; every value is a parameter.
/// </summary>
internal static class QuotaSql
{
    private const string Quotas = "\"" + QuotaConfiguration.Table + "\"";
    private const string Reservations = "\"" + ReservationConfiguration.Table + "\"";

    /// <summary>
    /// Adds a save's changes to one scope's row, creating it if needed, and returns every counter after the change.
    /// The row lock it takes is held to commit. A row still in an older month takes the re-based budget (@bu, @br) instead.
    /// </summary>
    public static readonly string Upsert = BuildUpsert();

    /// <summary>Which of <paramref name="count"/> scopes' rows (parameters @s0, @i0, …) are still in an older budget month.</summary>
    public static string StaleSelect(int count) =>
        $"SELECT \"Scope\", \"ScopeId\" FROM {Quotas} WHERE \"Period\" < @period AND (" +
        string.Join(" OR ", Enumerable.Range(0, count).Select(i => $"(\"Scope\" = @s{i} AND \"ScopeId\" = @i{i})")) + ")";

    /// <summary>Creates a scope's row if it has none (for a limit set before anything was used).</summary>
    public static readonly string Ensure =
        $"INSERT INTO {Quotas} (\"Scope\", \"ScopeId\", \"TenantId\", \"Period\", \"Version\", {string.Join(", ", Counters("Used", "Reserved"))}) " +
        $"VALUES (@scope, @scopeId, @tenantId, @period, 0, {string.Join(", ", QuotaResources.Columns.SelectMany(_ => new[] { "0", "0" }))}) " +
        "ON CONFLICT (\"Scope\", \"ScopeId\") DO NOTHING";

    /// <summary>Moves a scope's live allocations of older months into this one at the full month's cost.</summary>
    public static string Carry(string scope) =>
        $"UPDATE {Reservations} SET \"Period\" = @period, \"BudgetMicros\" = (\"HourlyMicros\" * @seconds + 3599) / 3600, \"Version\" = \"Version\" + 1 " +
        $"WHERE {QuotaScopes.ReservationColumn(scope)} = @scopeId AND \"Period\" < @period AND \"Status\" <> 'released'";

    /// <summary>The budget a scope holds in this month, reserved and used: the sum of its ledger.</summary>
    public static string BudgetSum(string scope) =>
        "SELECT COALESCE(SUM(CASE WHEN \"Status\" = 'reserved' THEN \"BudgetMicros\" ELSE 0 END), 0), " +
        "COALESCE(SUM(CASE WHEN \"Status\" = 'reserved' THEN 0 ELSE \"BudgetMicros\" END), 0) " +
        $"FROM {Reservations} WHERE {QuotaScopes.ReservationColumn(scope)} = @scopeId AND \"Period\" = @period";

    private static string BuildUpsert()
    {
        var columns = QuotaResources.Columns;
        var sql = new StringBuilder();
        sql.Append($"INSERT INTO {Quotas} (\"Scope\", \"ScopeId\", \"TenantId\", \"Period\", \"Version\", ")
            .Append(string.Join(", ", Counters("Used", "Reserved")))
            .Append(") VALUES (@scope, @scopeId, @tenantId, @period, 0, ")
            .Append(string.Join(", ", columns.Select((_, i) => $"@u{i}, @r{i}")))
            .Append(") ON CONFLICT (\"Scope\", \"ScopeId\") DO UPDATE SET ");
        for (var i = 0; i < columns.Count; i++)
        {
            foreach (var (part, value) in new[] { ("Used", $"@u{i}"), ("Reserved", $"@r{i}") })
            {
                var column = $"\"{columns[i]}{part}\"";
                var added = $"{Quotas}.{column} + {value}";
                sql.Append(column).Append(" = ")
                    .Append(i == QuotaResources.BudgetIndex
                        ? $"CASE WHEN {Quotas}.\"Period\" = @period THEN {added} ELSE {(part == "Used" ? "@bu" : "@br")} END"
                        : added)
                    .Append(", ");
            }
        }

        sql.Append("\"Period\" = @period RETURNING ")
            .Append(string.Join(", ", Counters("Limit", "Used", "Reserved")));
        return sql.ToString();
    }

    private static IEnumerable<string> Counters(params string[] parts) =>
        QuotaResources.Columns.SelectMany(c => parts.Select(p => $"\"{c}{p}\""));
}
