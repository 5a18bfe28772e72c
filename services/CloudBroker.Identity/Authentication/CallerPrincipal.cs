using System.Security.Claims;
using CloudBroker.Identity.Access;

namespace CloudBroker.Identity.Authentication;

/// <summary>Builds the principal every authentication scheme hands on, in the claims <see cref="Caller.From"/> reads.</summary>
public static class CallerPrincipal
{
    public static ClaimsPrincipal Create(
        string scheme, string tenantId, string userId, IEnumerable<string> roles, IEnumerable<string> groupIds, params (string Type, string Value)[] extra)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, userId), new(Caller.TenantClaim, tenantId) };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        claims.AddRange(groupIds.Select(g => new Claim(Caller.GroupClaim, g)));
        claims.AddRange(extra.Select(e => new Claim(e.Type, e.Value)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }
}
