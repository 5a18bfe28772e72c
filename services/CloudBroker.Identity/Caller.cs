using System.Security.Claims;

namespace CloudBroker.Identity;

/// <summary>Who is calling: the tenant every query is scoped to, the user that owns what they make, their roles.</summary>
public sealed record Caller(string TenantId, string UserId, IReadOnlySet<string> Roles)
{
    public const string TenantClaim = "cb:tenant";

    public static Caller From(ClaimsPrincipal principal) => new(
        principal.FindFirstValue(TenantClaim) ?? throw new InvalidOperationException("the caller has no tenant"),
        principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("the caller has no user id"),
        principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal));
}
