using CloudBroker.Quotas.Ledger;
using CloudBroker.Quotas.Limits;
using CloudBroker.Quotas.Pricing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CloudBroker.Quotas.Counters;

/// <summary>
/// What a rating run does to a tenant's budgets, in the transaction that replaced the tenant's charges of the current
/// month: its allocation lines' budgets become the estimate from the rating watermark on
/// (<see cref="ReservationTransitions.Rate"/>), then every scope they count in is locked in lock order by the save's own
/// statement and its budget set to rated cost (<c>used</c>) plus ledger estimate (<c>reserved</c>). Lines first,
/// counters last, as every counter transaction (docs/quotas.md, "Budgets from rated cost").
/// </summary>
public sealed class BudgetRecount(IRatedCost rated, IOptions<QuotaOptions> options)
{
    /// <summary>
    /// Recounts <paramref name="tenantId"/>'s budgets for the month of <paramref name="ratedTo"/>, in the caller's
    /// transaction. Throws <see cref="DbUpdateConcurrencyException"/> when a line changed since it was read (the caller
    /// runs the tenant's transaction again).
    /// </summary>
    public async Task ApplyAsync(DbContext db, string tenantId, DateTime ratedTo, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        var period = BudgetPeriod.Of(ratedTo);
        var key = period.Key;
        var lines = await db.Set<Reservation>().AsNoTracking()
            .Where(r => r.TenantId == tenantId && r.Kind == ReservationKinds.Allocation && (r.Status != ReservationStatuses.Released || r.Period == key))
            .OrderBy(r => r.Id)
            .ToListAsync(cancellationToken);
        foreach (var line in lines)
        {
            var (id, version) = (line.Id, line.Version);
            if (!ReservationTransitions.Rate(line, period, ratedTo))
            {
                continue;
            }

            // Written by statement, not by a save: the save step would lock the changed scopes only, and the recount
            // below must lock them all in one order. The counters are set from the ledger before this commits.
            var (budget, linePeriod, next) = (line.BudgetMicros, line.Period, line.Version);
            var written = await db.Set<Reservation>()
                .Where(r => r.Id == id && r.Version == version)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.BudgetMicros, budget).SetProperty(r => r.Period, linePeriod).SetProperty(r => r.Version, next), cancellationToken);
            if (written == 0)
            {
                throw new DbUpdateConcurrencyException($"reservation {id} changed while its budget was re-rated");
            }
        }

        // The tenant's row is recounted even when none of its lines is left in this month.
        var scopes = ScopeDeltas.Of(lines).ToList();
        if (!scopes.Any(s => s.Scope == QuotaScopes.Tenant))
        {
            scopes.Insert(0, new ScopeDelta(QuotaScopes.Tenant, tenantId, tenantId));
        }

        await CounterUpdates.RecountAsync(db, scopes, period, rated, cancellationToken);
    }
}
