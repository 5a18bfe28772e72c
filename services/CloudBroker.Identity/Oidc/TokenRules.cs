using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CloudBroker.Identity.Oidc;

/// <summary>
/// What a signed, unexpired token of the configured issuer must also be: signed with one of
/// <see cref="Algorithms"/> (checked by the handler, before the signature), free of critical header extensions
/// (RFC 7515 §4.1.11: a recipient that does not understand one must refuse the token, and this one understands none),
/// and no longer lived than <see cref="OidcSettings.MaxTokenLifetime"/>.
/// </summary>
public static class TokenRules
{
    public static readonly IReadOnlyList<string> Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];

    /// <summary>Why <paramref name="token"/> is refused, or <c>null</c> when it keeps the rules.</summary>
    public static string? Refusal(SecurityToken token, OidcSettings settings, DateTime now)
    {
        if (token is not JsonWebToken jwt)
        {
            return "it is not a JSON web token";
        }

        if (jwt.TryGetHeaderValue<object>("crit", out _))
        {
            return "it names critical header extensions ('crit'), which this broker does not support";
        }

        var from = jwt.IssuedAt != DateTime.MinValue ? jwt.IssuedAt : jwt.ValidFrom != DateTime.MinValue ? jwt.ValidFrom : now;
        var lifetime = jwt.ValidTo - from;
        return lifetime > settings.MaxTokenLifetime
            ? $"its lifetime ({lifetime.TotalHours:0.#} h) is longer than the {settings.MaxTokenLifetime.TotalHours:0.#} h allowed (CloudBroker__Auth__Oidc__MaxTokenLifetime)"
            : null;
    }
}
