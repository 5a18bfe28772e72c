using CloudBroker.Identity;
using CloudBroker.Persistence;
using CloudBroker.Problems;
using CloudBroker.Provisioning.Providers;
using CloudBroker.Quotas;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Api.Apis;

/// <summary>
/// The object a quota path names (<c>/api/quotas/{scope}/{id}</c>), found and authorized: another tenant's
/// object is 404 (its existence is not revealed); the provider scope is the admin's alone (403).
/// </summary>
internal sealed record QuotaTarget(string Scope, string Id, string? TenantId)
{
    public static async Task<QuotaTarget> ResolveAsync(string scope, string id, Caller caller, BrokerDbContext db, ProviderRegistry providers, CancellationToken cancellationToken)
    {
        var tenantId = scope switch
        {
            QuotaScopes.Tenant => await db.Set<Tenant>().Where(t => t.Id == id).Select(t => t.Id).FirstOrDefaultAsync(cancellationToken),
            QuotaScopes.Group => await db.Set<Group>().Where(g => g.Id == id).Select(g => g.TenantId).FirstOrDefaultAsync(cancellationToken),
            QuotaScopes.User => await db.Set<User>().Where(u => u.Id == id).Select(u => u.TenantId).FirstOrDefaultAsync(cancellationToken),
            QuotaScopes.Provider => null,
            _ => throw ProblemException.NotFound($"quota scope '{scope}' (scopes are {string.Join(", ", QuotaScopes.LockOrder)})"),
        };
        if (scope == QuotaScopes.Provider)
        {
            if (!caller.IsAdmin)
            {
                throw new ProblemException(ProblemTypes.Forbidden, "provider quotas are the broker admin's");
            }

            return providers.Find(id) is null ? throw ProblemException.NotFound($"provider '{id}'") : new QuotaTarget(scope, id, null);
        }

        return tenantId is not null && caller.CanSee(tenantId) ? new QuotaTarget(scope, id, tenantId) : throw ProblemException.NotFound($"{scope} '{id}'");
    }
}
