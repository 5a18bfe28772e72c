using CloudBroker.Identity.Users;
using CloudBroker.Problems;

namespace CloudBroker.Identity.Access;

/// <summary>
/// Who may manage whom: the one rule behind every write of a user (create, PUT, PATCH with any property, DELETE)
/// and of its API keys (issue, list, revoke). The caller must manage the user's tenant — an admin every tenant, a
/// tenant-admin its own — or be the user itself, for its own keys; and the user's roles, as they are and as a change
/// would make them, must reach no further than the caller's (<see cref="Reach"/>). So no one acts on a user who can
/// do more than itself: the system tenant's admins, auditors and finance, who reach every tenant, are managed by
/// admins only, and a tenant-admin grants no role beyond its own.
/// </summary>
public static class UserAuthority
{
    /// <summary>403 unless <paramref name="caller"/> may manage <paramref name="user"/> as its roles are now.</summary>
    public static void EnsureMayManage(Caller caller, User user) =>
        EnsureMayManage(caller, user.TenantId, RolesOf(user), $"user '{user.Id}' (roles {Describe(RolesOf(user))} in tenant '{user.TenantId}') reaches");

    /// <summary>403 unless <paramref name="caller"/> may give a user of <paramref name="tenantId"/> the roles <paramref name="roles"/>.</summary>
    public static void EnsureMayGrant(Caller caller, string tenantId, IReadOnlyCollection<string> roles) =>
        EnsureMayManage(caller, tenantId, roles, $"a user with roles {Describe(roles)} in tenant '{tenantId}' reaches");

    /// <summary>
    /// 403 unless <paramref name="caller"/> may issue, list or revoke <paramref name="user"/>'s API keys: its own
    /// (self-service; a key acts with the user's stored roles, so a token carrying fewer roles than those may not),
    /// or those of a user it manages.
    /// </summary>
    public static void EnsureMayManageKeys(Caller caller, User user)
    {
        if (user.Id == caller.UserId && user.TenantId == caller.TenantId)
        {
            EnsureCovers(caller, user.TenantId, RolesOf(user), $"your user's stored roles {Describe(RolesOf(user))}, which its keys act with, reach");
            return;
        }

        EnsureMayManage(caller, user);
    }

    private static void EnsureMayManage(Caller caller, string tenantId, IReadOnlyCollection<string> roles, string what)
    {
        if (!caller.IsAdmin && !(caller.Roles.Contains(Roles.TenantAdmin) && caller.TenantId == tenantId))
        {
            throw new ProblemException(ProblemTypes.Forbidden, $"only an admin or a tenant-admin of tenant '{tenantId}' manages its users and their keys");
        }

        EnsureCovers(caller, tenantId, roles, what);
    }

    private static void EnsureCovers(Caller caller, string tenantId, IReadOnlyCollection<string> roles, string what)
    {
        if (!Reach.Of(caller).Covers(Reach.Of(tenantId, roles)))
        {
            throw new ProblemException(ProblemTypes.Forbidden,
                $"{what} further than your roles {Describe(caller.Roles)} in tenant '{caller.TenantId}': only a caller whose roles reach at least as far " +
                "manages it (a user of the system tenant with admin, auditor or finance: an admin)");
        }
    }

    private static string[] RolesOf(User user) => user.Roles.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static string Describe(IEnumerable<string> roles) => "[" + string.Join(", ", roles.Order(StringComparer.Ordinal)) + "]";
}
