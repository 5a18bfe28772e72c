using CloudBroker.Identity.Tenancy;
using CloudBroker.Persistence;
using CloudBroker.Problems;
using CloudBroker.Quotas.Pricing;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Quotas.Limits;

/// <summary>
/// Limits nest: a user's may not exceed its groups' or its tenant's, a group's not its tenant's (400 with the
/// parent's limit as <c>max</c>); a parent may not be lowered below a child's limit (409 naming the child).
/// A child without a limit is bounded by its parents anyway, since every use counts against every scope.
/// </summary>
internal static class QuotaHierarchy
{
    public static async Task CheckAsync(BrokerDbContext db, QuotaTarget target, long?[] limits, CancellationToken cancellationToken)
    {
        var parents = await ParentsAsync(db, target, cancellationToken);
        var errors = new List<FieldError>();
        for (var i = 0; i < limits.Length; i++)
        {
            if (limits[i] is not { } limit)
            {
                continue;
            }

            foreach (var parent in parents)
            {
                if (parent.Resource(i).Limit is { } max && limit > max)
                {
                    var money = i == QuotaResources.BudgetIndex;
                    errors.Add(new FieldError("/limits/" + QuotaResources.All[i],
                        $"must be at most {(money ? MicroUnits.Format(max) : max)}, the limit of {parent.Scope} '{parent.ScopeId}'",
                        money ? null : new FieldLimit(Max: max)));
                    break;
                }
            }
        }

        if (errors.Count > 0)
        {
            throw new ProblemException(ProblemTypes.Validation, "a limit exceeds the limit of a scope it belongs to", errors);
        }

        foreach (var child in await ChildrenAsync(db, target, cancellationToken))
        {
            for (var i = 0; i < limits.Length; i++)
            {
                if (limits[i] is { } limit && child.Resource(i).Limit is { } childLimit && childLimit > limit)
                {
                    var resource = QuotaResources.All[i];
                    var money = i == QuotaResources.BudgetIndex;
                    throw new ProblemException(ProblemTypes.Conflict,
                        $"{child.Scope} '{child.ScopeId}' has a {resource} limit of {(money ? MicroUnits.Format(childLimit) : childLimit)}, above the new limit; lower it first",
                        extensions: new Dictionary<string, object?> { ["scope"] = child.Scope, ["scopeId"] = child.ScopeId, ["resource"] = resource });
                }
            }
        }
    }

    private static async Task<List<Quota>> ParentsAsync(BrokerDbContext db, QuotaTarget target, CancellationToken cancellationToken)
    {
        if (target.Scope is not (QuotaScopes.Group or QuotaScopes.User) || target.TenantId is null)
        {
            return [];
        }

        var groupIds = target.Scope == QuotaScopes.User
            ? await db.Set<GroupMember>().Where(m => m.UserId == target.Id).Select(m => m.GroupId).ToListAsync(cancellationToken)
            : [];
        var tenantId = target.TenantId;
        return await db.Set<Quota>().AsNoTracking()
            .Where(q => (q.Scope == QuotaScopes.Tenant && q.ScopeId == tenantId) || (q.Scope == QuotaScopes.Group && groupIds.Contains(q.ScopeId)))
            .OrderBy(q => q.Scope).ThenBy(q => q.ScopeId)
            .ToListAsync(cancellationToken);
    }

    private static async Task<List<Quota>> ChildrenAsync(BrokerDbContext db, QuotaTarget target, CancellationToken cancellationToken)
    {
        var quotas = db.Set<Quota>().AsNoTracking();
        switch (target.Scope)
        {
            case QuotaScopes.Tenant:
                return await quotas.Where(q => q.TenantId == target.Id && (q.Scope == QuotaScopes.Group || q.Scope == QuotaScopes.User))
                    .OrderBy(q => q.Scope).ThenBy(q => q.ScopeId).ToListAsync(cancellationToken);
            case QuotaScopes.Group:
                var members = db.Set<GroupMember>().Where(m => m.GroupId == target.Id).Select(m => m.UserId);
                return await quotas.Where(q => q.Scope == QuotaScopes.User && members.Contains(q.ScopeId))
                    .OrderBy(q => q.ScopeId).ToListAsync(cancellationToken);
            default:
                return [];
        }
    }
}
