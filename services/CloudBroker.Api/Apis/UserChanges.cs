using CloudBroker.Api.Models;
using CloudBroker.Identity;
using CloudBroker.Persistence;
using CloudBroker.Problems;
using CloudBroker.Provisioning.Instances;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Api.Apis;

/// <summary>
/// The rules every write of a user obeys: known roles, <c>admin</c> granted only by an admin and only in the
/// system tenant, groups of the user's own tenant with the default among them, and a bootstrap admin that
/// keeps its role (its key must keep working).
/// </summary>
internal sealed record UserChanges(string Name, string? Email, string[] Roles, string[] GroupIds, string DefaultGroupId, string? Subject, bool Disabled)
{
    /// <summary>Checks <paramref name="body"/> merged over <paramref name="current"/> (null for a new user).</summary>
    public static async Task<UserChanges> CheckAsync(
        UserRequest body, User? current, IReadOnlyList<string> currentGroups, string tenantId, Caller caller, BrokerDbContext db, CancellationToken cancellationToken)
    {
        var name = body.Name ?? current?.Name;
        ResourceName.Check(name, "/name");
        var roles = body.Roles ?? current?.Roles.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [Identity.Roles.Member];
        if (roles.Length == 0)
        {
            throw ProblemException.Invalid("/roles", "must name at least one role", new FieldLimit(Values: [.. Identity.Roles.All]));
        }

        if (roles.FirstOrDefault(r => !Identity.Roles.IsKnown(r)) is { } unknown)
        {
            throw ProblemException.Invalid("/roles", $"'{unknown}' is not a role", new FieldLimit(Values: [.. Identity.Roles.All]));
        }

        var wasAdmin = current?.Roles.Split(' ').Contains(Identity.Roles.Admin) == true;
        if (roles.Contains(Identity.Roles.Admin) != wasAdmin)
        {
            if (!caller.IsAdmin)
            {
                throw new ProblemException(ProblemTypes.Forbidden, "only an admin may grant or take the admin role");
            }

            if (tenantId != SystemTenant.TenantId)
            {
                throw ProblemException.Invalid("/roles", "the admin role runs the whole broker and exists only in the system tenant");
            }
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
        if (current?.Id == SystemTenant.AdminUserId && current.TenantId == SystemTenant.TenantId && (disabled || !roles.Contains(Identity.Roles.Admin)))
        {
            throw new ProblemException(ProblemTypes.Conflict, "the bootstrap admin keeps the admin role and cannot be disabled");
        }

        return new UserChanges(name!, body.Email ?? current?.Email, [.. roles.Distinct(StringComparer.Ordinal)], groups, defaultGroup, body.Subject ?? current?.Subject, disabled);
    }

    public void ApplyTo(User user, BrokerDbContext db, IReadOnlyList<string> currentGroups, DateTime now)
    {
        user.Name = Name;
        user.Email = Email;
        user.Roles = string.Join(' ', Roles);
        user.DefaultGroupId = DefaultGroupId;
        user.Subject = Subject;
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
