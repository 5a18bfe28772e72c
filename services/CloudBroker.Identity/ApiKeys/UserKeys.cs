using CloudBroker.Identity.Tenancy;
using CloudBroker.Identity.Users;
using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Identity.ApiKeys;

/// <summary>Looks up an API key by its hash and the roles and groups of its (enabled) user.</summary>
public static class UserKeys
{
    public static async Task<VerifiedKey?> VerifyAsync(BrokerDbContext db, string hash, CancellationToken cancellationToken)
    {
        var found = await (
            from k in db.Set<ApiKey>().AsNoTracking()
            join u in db.Set<User>() on k.UserId equals u.Id
            where k.Hash == hash && k.RevokedAt == null && u.DisabledAt == null
            select new { k.Id, u.TenantId, UserId = u.Id, u.Roles, u.DefaultGroupId }).FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var groups = await GroupsOfAsync(db, found.UserId, found.DefaultGroupId, cancellationToken);
        return new VerifiedKey(found.Id, found.TenantId, found.UserId, found.Roles, groups);
    }

    /// <summary>The user's groups, its default first.</summary>
    public static async Task<IReadOnlyList<string>> GroupsOfAsync(BrokerDbContext db, string userId, string defaultGroupId, CancellationToken cancellationToken)
    {
        var groups = await db.Set<GroupMember>().AsNoTracking().Where(m => m.UserId == userId).Select(m => m.GroupId).ToListAsync(cancellationToken);
        return [.. groups.OrderBy(g => g == defaultGroupId ? 0 : 1).ThenBy(g => g, StringComparer.Ordinal)];
    }
}
