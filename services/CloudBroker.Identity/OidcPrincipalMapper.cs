using System.Security.Claims;
using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Identity;

/// <summary>
/// Turns a validated token into a broker caller: the tenant from its tenant claim (it must exist), the user
/// by <c>sub</c> (made on first sight, "just in time"), roles and groups from the token when it carries them,
/// else what the broker stores for the user. A disabled user, an unknown tenant or a user of another tenant is refused.
/// </summary>
public sealed class OidcPrincipalMapper(BrokerDbContext db, TimeProvider time)
{
    public const string SchemeName = "Oidc";

    /// <summary>The caller, or the reason the token is refused.</summary>
    public async Task<(ClaimsPrincipal? Principal, string? Refusal)> MapAsync(ClaimsPrincipal token, OidcSettings settings, CancellationToken cancellationToken)
    {
        var subject = token.FindFirstValue("sub");
        var tenantId = token.FindFirstValue(settings.TenantClaim);
        if (string.IsNullOrEmpty(subject) || string.IsNullOrEmpty(tenantId))
        {
            return (null, $"the token must carry 'sub' and '{settings.TenantClaim}'");
        }

        if (!await db.Set<Tenant>().AnyAsync(t => t.Id == tenantId, cancellationToken))
        {
            return (null, $"the token's tenant '{tenantId}' is not a tenant of this broker");
        }

        var tokenRoles = token.FindAll(settings.RolesClaim).Select(c => c.Value).ToArray();
        var roles = tokenRoles.Where(r => Roles.IsKnown(r) && (r != Roles.Admin || tenantId == SystemTenant.TenantId)).Distinct().ToArray();
        var tenantGroups = await db.Set<Group>().AsNoTracking().Where(g => g.TenantId == tenantId).Select(g => new { g.Id, g.Name }).ToListAsync(cancellationToken);
        var tokenGroups = token.FindAll(settings.GroupsClaim).Select(c => c.Value).ToArray();
        var groups = tokenGroups.Select(v => tenantGroups.FirstOrDefault(g => g.Id == v)?.Id ?? tenantGroups.FirstOrDefault(g => g.Name == v)?.Id)
            .OfType<string>().Distinct().ToArray();

        var user = await db.Set<User>().FirstOrDefaultAsync(u => u.Subject == subject, cancellationToken);
        if (user is null)
        {
            var defaultGroup = groups.FirstOrDefault() ?? tenantGroups.OrderBy(g => g.Name == "default" ? 0 : 1).Select(g => g.Id).FirstOrDefault();
            if (defaultGroup is null)
            {
                return (null, $"tenant '{tenantId}' has no group to put a new user in");
            }

            user = await AddUserAsync(subject, tenantId, token.FindFirstValue(settings.NameClaim), roles.Length > 0 ? roles : [Roles.Member],
                groups.Length > 0 ? groups : [defaultGroup], cancellationToken);
        }

        if (user.TenantId != tenantId)
        {
            return (null, $"subject '{subject}' belongs to another tenant than the token names");
        }

        if (user.DisabledAt is not null)
        {
            return (null, "the user is disabled");
        }

        var effectiveRoles = tokenRoles.Length > 0 ? roles : user.Roles.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var effectiveGroups = tokenGroups.Length > 0 ? groups : await UserKeys.GroupsOfAsync(db, user.Id, user.DefaultGroupId, cancellationToken);
        return (CallerPrincipal.Create(SchemeName, tenantId, user.Id, effectiveRoles, effectiveGroups, ("cb:subject", subject)), null);
    }

    private async Task<User> AddUserAsync(string subject, string tenantId, string? name, string[] roles, string[] groups, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var user = new User
        {
            Id = Guid.CreateVersion7().ToString(), TenantId = tenantId, Name = NameFrom(name), Subject = subject, Roles = string.Join(' ', roles),
            DefaultGroupId = groups[0], CreatedAt = now, UpdatedAt = now, Version = 1,
        };
        db.Add(user);
        foreach (var group in groups)
        {
            db.Add(new GroupMember { GroupId = group, UserId = user.Id });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return user;
        }
        catch (DbUpdateException)
        {
            // Two first requests of the same subject at once: the other one made the user.
            db.ChangeTracker.Clear();
            return await db.Set<User>().FirstAsync(u => u.Subject == subject, cancellationToken);
        }
    }

    /// <summary>Names are RFC 1123 labels; a token's display name is folded into one.</summary>
    private static string NameFrom(string? name)
    {
        var label = new string([.. (name ?? "user").ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        label = label.Length > 63 ? label[..63].TrimEnd('-') : label;
        return label.Length == 0 ? "user" : label;
    }
}
