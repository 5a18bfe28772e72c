using CloudBroker.Persistence;
using CloudBroker.Quotas.Counters;
using CloudBroker.Quotas.Pricing;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Quotas.Limits;

/// <summary>
/// Sets a scope's limits and warning thresholds: they must nest (<see cref="QuotaHierarchy"/>), and the row's
/// <see cref="Quota.Version"/> is what a change must name (the ETag), so two changes never overwrite each other unseen.
/// </summary>
public static class QuotaLimits
{
    /// <summary>
    /// The quota with the new values (by <see cref="QuotaResources.All"/> index; the budget's thresholds as
    /// <see cref="BudgetWarnings.Store"/> made them), saved; <c>null</c> when its version is no
    /// longer <paramref name="expectedVersion"/> (another change came first).
    /// </summary>
    public static async Task<Quota?> SetAsync(
        BrokerDbContext db, QuotaTarget target, long?[] limits, long?[] warnAt, string? budgetWarnAt, int expectedVersion, DateTime now, CancellationToken cancellationToken)
    {
        await QuotaHierarchy.CheckAsync(db, target, limits, cancellationToken);
        await CounterUpdates.EnsureRowAsync(db, target.Scope, target.Id, target.TenantId, BudgetPeriod.Of(now), cancellationToken);
        var quota = await db.Set<Quota>().FirstAsync(q => q.Scope == target.Scope && q.ScopeId == target.Id, cancellationToken);
        if (quota.Version != expectedVersion)
        {
            return null;
        }

        for (var i = 0; i < QuotaResources.All.Count; i++)
        {
            quota.Resource(i).Limit = limits[i];
            quota.Resource(i).WarnAt = i == QuotaResources.BudgetIndex ? null : warnAt[i];
        }

        quota.BudgetWarnAt = budgetWarnAt;

        quota.Version++;
        quota.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return null;
        }

        return quota;
    }
}
