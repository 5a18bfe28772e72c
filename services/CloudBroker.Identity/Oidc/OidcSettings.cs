using CloudBroker.Identity.Users;

namespace CloudBroker.Identity.Oidc;

/// <summary>
/// JWT bearer tokens from an OIDC issuer (<c>CloudBroker:Auth:Oidc</c>). Off unless <see cref="Issuer"/> is set;
/// then <see cref="Audience"/> and <see cref="JwksFile"/> are required. Claim names are settings because
/// issuers differ (Keycloak, Entra ID, Dex…).
/// </summary>
public sealed class OidcSettings
{
    public const string Section = "CloudBroker:Auth:Oidc";

    /// <summary>The longest issuer stored with a user's subject (<see cref="User.Issuer"/>).</summary>
    public const int MaxIssuerLength = 512;

    /// <summary>The <c>iss</c> every token must carry.</summary>
    public string? Issuer { get; set; }

    /// <summary>The <c>aud</c> every token must carry.</summary>
    public string? Audience { get; set; }

    /// <summary>The issuer's signing keys as a JWKS document (re-read when the file changes, so keys rotate without a restart).</summary>
    public string? JwksFile { get; set; }

    /// <summary>The claim naming the broker tenant id of the user.</summary>
    public string TenantClaim { get; set; } = "tenant";

    /// <summary>The claim listing the user's groups (broker group ids or names in its tenant); the first is the default.</summary>
    public string GroupsClaim { get; set; } = "groups";

    /// <summary>The claim listing the user's broker roles.</summary>
    public string RolesClaim { get; set; } = "roles";

    /// <summary>The claim giving a first-seen user its name.</summary>
    public string NameClaim { get; set; } = "preferred_username";

    /// <summary>
    /// The longest lifetime a token may have, from its <c>iat</c> (else <c>nbf</c>) to its <c>exp</c>; a token with
    /// neither is judged by the time it has left. Longer-lived tokens are refused whoever signed them.
    /// </summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromHours(24);

    public bool Enabled => !string.IsNullOrWhiteSpace(Issuer);
}
