using CloudBroker.Quotas.Ledger;
using CloudBroker.Quotas.Pricing;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Accounting.Rating;

/// <summary>
/// The budget's <c>used</c>: a scope's billed charges of a month. Charges name tenant, group and provider but not the
/// owner, so every scope finds its instances the same way, through their allocation line (which names all four); an
/// instance without one (adopted) is not counted in any budget, as it holds no estimate either.
/// </summary>
internal sealed class RatedCost : IRatedCost
{
    public async Task<long> MonthToDateAsync(DbContext db, string scope, string scopeId, string? tenantId, BudgetPeriod period, CancellationToken cancellationToken)
    {
        var (from, to) = (period.Start, period.End);
        var lines = db.Set<Reservation>().Where(ReservationScope.Of(scope, scopeId)).Where(r => r.Kind == ReservationKinds.Allocation);
        var charges = db.Set<Charge>().Where(c => c.Day >= from && c.Day < to);
        if (tenantId is not null)
        {
            charges = charges.Where(c => c.TenantId == tenantId); // the (tenant, day) index
        }

        // Summed here: SQLite keeps the amounts as text (every digit rating gave them), which its SUM would round.
        var amounts = await charges.Where(c => lines.Any(r => r.InstanceId == c.InstanceId)).Select(c => c.BilledAmount).ToListAsync(cancellationToken);
        return MicroUnits.RoundedUp(amounts.Sum());
    }
}
