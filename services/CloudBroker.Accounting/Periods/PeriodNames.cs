using CloudBroker.Identity.Tenancy;
using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Accounting.Periods;

/// <summary>
/// Records the names a tenant and its groups are billed under in a period (<see cref="BillingPeriodName"/>): their
/// current names while the period is open; one since deleted keeps the name last recorded for it. Written by the
/// rating run in the transaction that writes the charges, and by a delete of a tenant or group for every open period,
/// so a name is kept even when the delete comes before rating saw the last usage.
/// </summary>
public static class PeriodNames
{
    /// <summary>Adds or updates the period's names of the tenant and groups (tracked: the caller saves).</summary>
    public static async Task RecordAsync(BrokerDbContext db, DateTime period, string tenantId, IReadOnlyCollection<string> groupIds, CancellationToken cancellationToken)
    {
        var tenant = await db.Set<Tenant>().AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken);
        var groups = await db.Set<Group>().AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, cancellationToken);
        await RecordAsync(db, period, tenantId, BillingPeriodNameKinds.Tenant, tenantId, tenant, cancellationToken);
        foreach (var groupId in groupIds)
        {
            await RecordAsync(db, period, tenantId, BillingPeriodNameKinds.Group, groupId, groups.GetValueOrDefault(groupId), cancellationToken);
        }
    }

    /// <summary>Before a tenant or groups are deleted: records their names in every period still open at <paramref name="now"/>.</summary>
    public static async Task KeepAsync(BrokerDbContext db, BillingPeriods periods, DateTime now, string tenantId, IReadOnlyCollection<string> groupIds, CancellationToken cancellationToken)
    {
        foreach (var period in await periods.OpenAsync(now, cancellationToken))
        {
            await RecordAsync(db, period, tenantId, groupIds, cancellationToken);
        }
    }

    private static async Task RecordAsync(BrokerDbContext db, DateTime period, string tenantId, string kind, string id, string? current, CancellationToken cancellationToken)
    {
        var names = db.Set<BillingPeriodName>();
        var row = names.Local.FirstOrDefault(n => n.Period == period && n.Kind == kind && n.Id == id)
            ?? await names.FirstOrDefaultAsync(n => n.Period == period && n.Kind == kind && n.Id == id, cancellationToken);
        var name = current ?? row?.Name ?? await names.Where(n => n.Kind == kind && n.Id == id).OrderByDescending(n => n.Period).Select(n => n.Name).FirstOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return; // deleted before any period recorded it: nothing to keep
        }

        if (row is null)
        {
            names.Add(new BillingPeriodName { Period = period, Kind = kind, Id = id, TenantId = tenantId, Name = name });
        }
        else
        {
            row.Name = name;
        }
    }
}
