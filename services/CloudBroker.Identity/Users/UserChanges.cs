using CloudBroker.Identity.Access;
using CloudBroker.Identity.Oidc;
using CloudBroker.Identity.Tenancy;
using CloudBroker.Persistence;
using CloudBroker.Problems;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Identity.Users;

/// <summary>
/// The rules every write of a user obeys: known roles the caller may grant (<see cref="UserAuthority"/>),
/// <c>admin</c> only in the system tenant, groups of the user's own tenant with the default among them, a subject
/// bound to the configured OIDC issuer, and a bootstrap admin that keeps its role (its key must keep working).
/// </summary>
public sealed record UserChanges(
    string Name, string? Email, string[] Roles, string[] GroupIds, string DefaultGroupId, string? Subject, string? Issuer, bool Disabled)
{
    private const int MaxEmailLength = 254;

    private const int MaxSubjectLength = 255;

    /// <summary>
    /// Checks <paramref name="body"/> merged over <paramref name="current"/> (null for a new user); with
    /// <paramref name="replace"/> the optional properties it leaves out are cleared instead of kept.
    /// </summary>
    public static async Task<UserChanges> CheckAsync(
        UserInput body, bool replace, User? current, IReadOnlyList<string> currentGroups, string tenantId, Caller caller, OidcSettings oidc,
        BrokerDbContext db, CancellationToken cancellationToken)
    {
        var name = body.Name ?? current?.Name;
        ResourceName.Check(name, "/name");
        var roles = body.Roles ?? current?.Roles.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [Access.Roles.Member];
        if (roles.Length == 0)
        {
            throw ProblemException.Invalid("/roles", "must name at least one role", new FieldLimit(Values: [.. Access.Roles.All]));
        }

        if (roles.FirstOrDefault(r => !Access.Roles.IsKnown(r)) is { } unknown)
        {
            throw ProblemException.Invalid("/roles", $"'{unknown}' is not a role", new FieldLimit(Values: [.. Access.Roles.All]));
        }

        UserAuthority.EnsureMayGrant(caller, tenantId, roles);
        if (roles.Contains(Access.Roles.Admin) && tenantId != SystemTenant.TenantId)
        {
            throw ProblemException.Invalid("/roles", "the admin role runs the whole broker and exists only in the system tenant");
        }

        var groups = body.GroupIds ?? [.. currentGroups];
        if (groups.Length == 0)
        {
            throw ProblemException.Invalid("/groupIds", "a user belongs to at least one group of its tenant");
        }

        groups = [.. groups.Distinct(StringComparer.Ordinal)];
        var known = await db.Set<Group>().Where(g => g.TenantId == tenantId && groups.Contains(g.Id)).Select(g => g.Id).ToListAsync(cancellationToken);
        if (groups.FirstOrDefault(g => !known.Contains(g)) is { } missing)
        {
            throw ProblemException.Invalid("/groupIds", $"tenant '{tenantId}' has no group '{missing}'");
        }

        var defaultGroup = body.DefaultGroupId ?? (current is not null && groups.Contains(current.DefaultGroupId) ? current.DefaultGroupId : groups[0]);
        if (!groups.Contains(defaultGroup))
        {
            throw ProblemException.Invalid("/defaultGroupId", "must be one of the user's groups", new FieldLimit(Values: groups));
        }

        var disabled = body.Disabled ?? current?.DisabledAt is not null;
        if (current?.Id == SystemTenant.AdminUserId && current.TenantId == SystemTenant.TenantId && (disabled || !roles.Contains(Access.Roles.Admin)))
        {
            throw new ProblemException(ProblemTypes.Conflict, "the bootstrap admin keeps the admin role and cannot be disabled");
        }

        var email = replace ? body.Email : body.Email ?? current?.Email;
        if (email is { Length: > MaxEmailLength })
        {
            throw ProblemException.Invalid("/email", $"must be at most {MaxEmailLength} characters", new FieldLimit(MaxLength: MaxEmailLength));
        }

        var subject = replace ? body.Subject : body.Subject ?? current?.Subject;
        return new UserChanges(name!, email, [.. roles.Distinct(StringComparer.Ordinal)], groups, defaultGroup, subject, IssuerOf(subject, current, oidc), disabled);
    }

    /// <summary>
    /// The issuer a subject belongs to: an unchanged subject keeps its own; a new one is the configured issuer's
    /// (the only issuer whose tokens are accepted), so it names a user of this tenant at that issuer and nothing else.
    /// </summary>
    private static string? IssuerOf(string? subject, User? current, OidcSettings oidc)
    {
        if (subject is null)
        {
            return null;
        }

        if (current is not null && subject == current.Subject)
        {
            return current.Issuer;
        }

        if (subject.Length is 0 or > MaxSubjectLength)
        {
            throw ProblemException.Invalid("/subject", $"must be 1 to {MaxSubjectLength} characters", new FieldLimit(MaxLength: MaxSubjectLength));
        }

        return oidc.Enabled ? oidc.Issuer
            : throw ProblemException.Invalid("/subject", "single sign-on is off (CloudBroker__Auth__Oidc__Issuer): a subject names a user of the issuer's tokens");
    }

    public void ApplyTo(User user, BrokerDbContext db, IReadOnlyList<string> currentGroups, DateTime now)
    {
        user.Name = Name;
        user.Email = Email;
        user.Roles = string.Join(' ', Roles);
        user.DefaultGroupId = DefaultGroupId;
        user.Subject = Subject;
        user.Issuer = Issuer;
        user.DisabledAt = Disabled ? user.DisabledAt ?? now : null;
        user.UpdatedAt = now;
        foreach (var removed in currentGroups.Except(GroupIds))
        {
            db.Remove(new GroupMember { GroupId = removed, UserId = user.Id });
        }

        foreach (var added in GroupIds.Except(currentGroups))
        {
            db.Add(new GroupMember { GroupId = added, UserId = user.Id });
        }
    }
}
