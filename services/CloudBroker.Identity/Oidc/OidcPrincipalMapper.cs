using System.Security.Claims;
using CloudBroker.Identity.Access;
using CloudBroker.Identity.ApiKeys;
using CloudBroker.Identity.Authentication;
using CloudBroker.Identity.Tenancy;
using CloudBroker.Identity.Users;
using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Identity.Oidc;

/// <summary>
/// Turns a validated token into a broker caller: the tenant from its tenant claim (it must exist), the user
/// by issuer, tenant and <c>sub</c> (made on first sight, "just in time"), roles and groups from the token when it
/// carries them, else what the broker stores for the user. A disabled user or an unknown tenant is refused. Another
/// tenant's user with the same subject is another identity: it neither answers for nor blocks this one.
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

        var issuer = settings.Issuer!; // the token was validated against it
        var user = await FindAsync(issuer, tenantId, subject, cancellationToken);
        if (user is null)
        {
            var defaultGroup = groups.FirstOrDefault() ?? tenantGroups.OrderBy(g => g.Name == "default" ? 0 : 1).Select(g => g.Id).FirstOrDefault();
            if (defaultGroup is null)
            {
                return (null, $"tenant '{tenantId}' has no group to put a new user in");
            }

            user = await AddUserAsync(issuer, subject, tenantId, token.FindFirstValue(settings.NameClaim), roles.Length > 0 ? roles : [Roles.Member],
                groups.Length > 0 ? groups : [defaultGroup], cancellationToken);
        }

        if (user.DisabledAt is not null)
        {
            return (null, "the user is disabled");
        }

        var effectiveRoles = tokenRoles.Length > 0 ? roles : user.Roles.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var effectiveGroups = tokenGroups.Length > 0 ? groups : await UserKeys.GroupsOfAsync(db, user.Id, user.DefaultGroupId, cancellationToken);
        (string, string)[] extra = tokenGroups.Length > 0 ? [("cb:subject", subject), (Caller.GroupsFromTokenClaim, "true")] : [("cb:subject", subject)];
        return (CallerPrincipal.Create(SchemeName, tenantId, user.Id, effectiveRoles, effectiveGroups, extra), null);
    }

    /// <summary>
    /// The tenant's user of this issuer and subject. A subject stored before users carried their issuer is taken as
    /// this issuer's (the only one there was) and stamped with it on this first sign-in.
    /// </summary>
    private async Task<User?> FindAsync(string issuer, string tenantId, string subject, CancellationToken cancellationToken)
    {
        var user = await db.Set<User>().FirstOrDefaultAsync(u => u.Issuer == issuer && u.TenantId == tenantId && u.Subject == subject, cancellationToken);
        if (user is not null)
        {
            return user;
        }

        var unstamped = await db.Set<User>().FirstOrDefaultAsync(u => u.Issuer == null && u.TenantId == tenantId && u.Subject == subject, cancellationToken);
        if (unstamped is null)
        {
            return null;
        }

        await db.Set<User>().Where(u => u.Id == unstamped.Id && u.Issuer == null)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Issuer, issuer), cancellationToken);
        return unstamped;
    }

    private async Task<User> AddUserAsync(string issuer, string subject, string tenantId, string? name, string[] roles, string[] groups, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var user = new User
        {
            Id = Guid.CreateVersion7().ToString(), TenantId = tenantId, Name = NameFrom(name), Subject = subject, Issuer = issuer, Roles = string.Join(' ', roles),
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
            return await db.Set<User>().FirstAsync(u => u.Issuer == issuer && u.TenantId == tenantId && u.Subject == subject, cancellationToken);
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
