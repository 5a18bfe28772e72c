using System.Security.Claims;
using CloudBroker.Problems;

namespace CloudBroker.Identity.Access;

/// <summary>
/// Who is calling: the tenant every query is scoped to, the user that owns what they make, the groups
/// it may charge (its default first) and its roles. An <c>admin</c> reads and changes every tenant; the system
/// tenant's <c>auditor</c> and <c>finance</c> read every tenant and change none but their own.
/// </summary>
public sealed record Caller(string TenantId, string UserId, IReadOnlySet<string> Roles, IReadOnlyList<string> GroupIds)
{
    public const string TenantClaim = "cb:tenant";

    /// <summary>One claim per group; the first is the user's default group.</summary>
    public const string GroupClaim = "cb:group";

    /// <summary>Present when the groups are those a token asserts (an OIDC groups claim), not the user's stored memberships.</summary>
    public const string GroupsFromTokenClaim = "cb:groups-from-token";

    /// <summary>Whether <see cref="GroupIds"/> come from the caller's token rather than its stored memberships.</summary>
    public bool GroupsFromToken { get; init; }

    public bool IsAdmin => Roles.Contains(Access.Roles.Admin);

    public bool IsTenantAdmin => IsAdmin || Roles.Contains(Access.Roles.TenantAdmin);

    /// <summary>The group a create is charged to when it names none.</summary>
    public string? DefaultGroupId => GroupIds.Count > 0 ? GroupIds[0] : null;

    /// <summary>
    /// Whether the caller reads every tenant: an <c>admin</c>, or the system tenant's <c>auditor</c> or <c>finance</c>
    /// (<see cref="Reach.SpansEveryTenant"/>). Reading only: changes go by <see cref="CanSee"/> and <see cref="TenantFilter"/>.
    /// </summary>
    public bool ReadsEveryTenant => Roles.Any(r => Reach.SpansEveryTenant(TenantId, r));

    /// <summary>Whether the caller may read an object of <paramref name="tenantId"/> (others answer 404, not 403).</summary>
    public bool CanRead(string tenantId) => ReadsEveryTenant || tenantId == TenantId;

    /// <summary>The tenant filter of a read: <c>null</c> when the caller reads every tenant, else the caller's own.</summary>
    public string? ReadFilter => ReadsEveryTenant ? null : TenantId;

    /// <summary>
    /// Whether the caller may change (or act on) an object of <paramref name="tenantId"/>: an admin every tenant's,
    /// anyone else its own tenant's only, whatever it may read (others answer 404, not 403).
    /// </summary>
    public bool CanSee(string tenantId) => IsAdmin || tenantId == TenantId;

    /// <summary>The tenant filter of a change: <c>null</c> for an admin (every tenant), else the caller's own. Reads use <see cref="ReadFilter"/>.</summary>
    public string? TenantFilter => IsAdmin ? null : TenantId;

    /// <summary>The group a create is charged to: the one it names (one of the caller's groups), else the default.</summary>
    public string ChargedGroup(string? requested)
    {
        if (requested is null)
        {
            return DefaultGroupId ?? throw ProblemException.Invalid("/groupId", "you belong to no group; name one of your tenant's groups your administrator added you to");
        }

        return GroupIds.Contains(requested, StringComparer.Ordinal) ? requested
            : throw ProblemException.Invalid("/groupId", $"you are not a member of group '{requested}'", new FieldLimit(Values: [.. GroupIds]));
    }

    public static Caller From(ClaimsPrincipal principal) => new(
        principal.FindFirstValue(TenantClaim) ?? throw new InvalidOperationException("the caller has no tenant"),
        principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("the caller has no user id"),
        principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
        principal.FindAll(GroupClaim).Select(c => c.Value).ToArray())
    {
        GroupsFromToken = principal.HasClaim(c => c.Type == GroupsFromTokenClaim),
    };
}
