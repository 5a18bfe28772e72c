using System.Linq.Expressions;
using CloudBroker.Quotas.Limits;

namespace CloudBroker.Quotas.Ledger;

/// <summary>Which ledger lines count in a scope: those naming it in the scope's column.</summary>
public static class ReservationScope
{
    public static Expression<Func<Reservation, bool>> Of(string scope, string scopeId) => scope switch
    {
        QuotaScopes.Tenant => r => r.TenantId == scopeId,
        QuotaScopes.Group => r => r.GroupId == scopeId,
        QuotaScopes.User => r => r.UserId == scopeId,
        QuotaScopes.Provider => r => r.ProviderId == scopeId,
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "unknown quota scope"),
    };
}
