using CloudBroker.Identity.Access;
using CloudBroker.Identity.Tenancy;
using CloudBroker.Identity.Users;
using CloudBroker.Persistence;
using CloudBroker.Problems;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Quotas.Limits;

/// <summary>
/// The object a quota path names (<c>/api/quotas/{scope}/{id}</c>), found and authorized: another tenant's
/// object is 404 (its existence is not revealed; reading, the broker's auditors and finance see every tenant's);
/// the provider scope is the admin's alone to change and read by those who read every tenant (else 403), and so is
/// changing a tenant's quota (a tenant admin sets its groups' and users'). Setting a user's quota acts on that user, a group's on each of its members: only a caller who manages them may
/// (<see cref="UserAuthority"/>, else 403), so no one limits a user whose roles reach further than its own.
/// </summary>
public sealed record QuotaTarget(string Scope, string Id, string? TenantId)
{
    /// <param name="providerExists">Whether a provider has that id (the registry is Provisioning's, which builds on quotas).</param>
    /// <param name="change">Resolves it for a change of its limits (else for reading).</param>
    public static async Task<QuotaTarget> ResolveAsync(
        string scope, string id, Caller caller, BrokerDbContext db, Func<string, bool> providerExists, bool change, CancellationToken cancellationToken)
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
            if (change ? !caller.IsAdmin : !caller.ReadsEveryTenant)
            {
                throw new ProblemException(ProblemTypes.Forbidden, "provider quotas are the broker admin's");
            }

            return !providerExists(id) ? throw ProblemException.NotFound($"provider '{id}'") : new QuotaTarget(scope, id, null);
        }

        if (tenantId is null || !(change ? caller.CanSee(tenantId) : caller.CanRead(tenantId)))
        {
            throw ProblemException.NotFound($"{scope} '{id}'");
        }

        if (change && !caller.IsAdmin && scope == QuotaScopes.Tenant)
        {
            throw new ProblemException(ProblemTypes.Forbidden, $"only a broker admin sets {scope} quotas; a tenant admin sets its groups' and users'");
        }

        if (change && scope is QuotaScopes.User or QuotaScopes.Group)
        {
            var users = db.Set<User>().AsNoTracking();
            var limited = scope == QuotaScopes.User ? users.Where(u => u.Id == id)
                : users.Where(u => db.Set<GroupMember>().Any(m => m.GroupId == id && m.UserId == u.Id));
            foreach (var user in await limited.ToListAsync(cancellationToken))
            {
                UserAuthority.EnsureMayManage(caller, user);
            }
        }

        return new QuotaTarget(scope, id, tenantId);
    }
}
