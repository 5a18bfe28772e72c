using CloudBroker.Quotas.Ledger;
using CloudBroker.Quotas.Limits;
using CloudBroker.Quotas.Pricing;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Quotas.Counters;

/// <summary>
/// Turns the ledger rows a save adds or changes into counter changes per scope: each row's contribution
/// after the save minus before it. Counters therefore stay the sum of the ledger, whatever code moved the rows.
/// </summary>
internal static class ScopeDeltas
{
    public static IReadOnlyList<ScopeDelta> From(ChangeTracker tracker, BudgetPeriod period)
    {
        var deltas = new Dictionary<(string, string), ScopeDelta>();
        foreach (var entry in tracker.Entries<Reservation>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            var now = entry.Entity;
            var check = entry.State == EntityState.Added && now.Status == ReservationStatuses.Reserved;
            // Only status, period and budget ever change on a line; the amounts (and the hourly price) are set once.
            var before = entry.State == EntityState.Modified
                ? (Status: (string)entry.OriginalValues[nameof(Reservation.Status)]!, Period: (string)entry.OriginalValues[nameof(Reservation.Period)]!,
                    Budget: (long)entry.OriginalValues[nameof(Reservation.BudgetMicros)]!)
                : default;
            foreach (var (scope, scopeId, tenantId) in ScopesOf(now))
            {
                if (!deltas.TryGetValue((scope, scopeId), out var delta))
                {
                    deltas[(scope, scopeId)] = delta = new ScopeDelta(scope, scopeId, tenantId);
                }

                Add(delta, now, now.Status, now.Period, now.BudgetMicros, period, sign: 1);
                if (before.Status is not null)
                {
                    Add(delta, now, before.Status, before.Period, before.Budget, period, sign: -1);
                }

                delta.Check |= check;
            }
        }

        return InLockOrder(deltas.Values.Where(d => !d.IsZero));
    }

    /// <summary>Every scope the lines count in, changing nothing (for a recount), in lock order.</summary>
    public static IReadOnlyList<ScopeDelta> Of(IEnumerable<Reservation> lines) => InLockOrder(lines
        .SelectMany(ScopesOf)
        .DistinctBy(s => (s.Scope, s.ScopeId))
        .Select(s => new ScopeDelta(s.Scope, s.ScopeId, s.TenantId)));

    // Lock order: tenant, group, user, provider; ids in ordinal order within a scope.
    private static ScopeDelta[] InLockOrder(IEnumerable<ScopeDelta> deltas) => deltas
        .OrderBy(d => QuotaScopes.Rank(d.Scope))
        .ThenBy(d => d.ScopeId, StringComparer.Ordinal)
        .ToArray();

    private static IEnumerable<(string Scope, string ScopeId, string? TenantId)> ScopesOf(Reservation reservation) =>
    [
        (QuotaScopes.Tenant, reservation.TenantId, reservation.TenantId),
        (QuotaScopes.Group, reservation.GroupId, reservation.TenantId),
        (QuotaScopes.User, reservation.UserId, reservation.TenantId),
        (QuotaScopes.Provider, reservation.ProviderId, null),
    ];

    /// <summary>
    /// A reserved row counts as reserved, a committed one as used, a released one not at all. Budget is another
    /// matter: a line's budget is the estimate of what is not rated yet, so it counts as reserved whatever its status
    /// (<c>used</c> is the rated cost, which only a rating run or the month rollover writes), as the period the counters
    /// are in counts it (<see cref="BudgetPeriod.Counted"/>).
    /// </summary>
    private static void Add(ScopeDelta delta, Reservation line, string status, string linePeriod, long budget, BudgetPeriod period, int sign)
    {
        var target = status == ReservationStatuses.Reserved ? delta.Reserved : delta.Used;
        for (var i = 0; i < QuotaResources.All.Count; i++)
        {
            if (i == QuotaResources.BudgetIndex)
            {
                delta.Reserved[i] += sign * period.Counted(linePeriod, status != ReservationStatuses.Released, budget, line.HourlyMicros);
            }
            else if (status != ReservationStatuses.Released)
            {
                target[i] += sign * line.Amount(i);
            }
        }
    }
}
