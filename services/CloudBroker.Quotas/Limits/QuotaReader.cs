using CloudBroker.Quotas.Ledger;
using CloudBroker.Quotas.Pricing;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Quotas.Limits;

/// <summary>Reads a scope's quota as of now: a never-set scope reads as unlimited and unused; an older month's budget as re-based.</summary>
public static class QuotaReader
{
    public static async Task<Quota?> FindAsync(DbContext db, string scope, string scopeId, CancellationToken cancellationToken) =>
        await db.Set<Quota>().AsNoTracking().FirstOrDefaultAsync(q => q.Scope == scope && q.ScopeId == scopeId, cancellationToken);

    /// <summary>
    /// The quota with its budget for <paramref name="period"/>. A row not yet rolled into this month is re-based
    /// for display the way the next save will re-base it: the month's rated cost, and live allocations at the full month.
    /// </summary>
    public static async Task<Quota> CurrentAsync(
        DbContext db, string scope, string scopeId, string? tenantId, BudgetPeriod period, IRatedCost rated, CancellationToken cancellationToken)
    {
        var quota = await FindAsync(db, scope, scopeId, cancellationToken)
            ?? new Quota { Scope = scope, ScopeId = scopeId, TenantId = tenantId, Period = period.Key };
        if (quota.Period == period.Key)
        {
            return quota;
        }

        var key = period.Key;
        var ledger = await db.Set<Reservation>().AsNoTracking()
            .Where(ReservationScope.Of(scope, scopeId))
            .Where(r => r.Kind == ReservationKinds.Allocation && (r.Status != ReservationStatuses.Released || r.Period == key))
            .Select(r => new { r.Status, r.Period, r.BudgetMicros, r.HourlyMicros })
            .ToListAsync(cancellationToken);
        quota.Budget.Reserved = ledger.Sum(r => period.Counted(r.Period, r.Status != ReservationStatuses.Released, r.BudgetMicros, r.HourlyMicros));
        quota.Budget.Used = await rated.MonthToDateAsync(db, scope, scopeId, tenantId, period, cancellationToken);
        quota.Period = key;
        return quota;
    }
}
