using System.Security.Cryptography;
using System.Text.Json;
using CloudBroker.Api.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CloudBroker.Api.Tests.Identity;

/// <summary>
/// The API trusting a local OIDC issuer: its signing key is made here, published as a JWKS file in the data
/// folder, and tests mint tokens with it (<see cref="Token"/>).
/// </summary>
public sealed class OidcApiFactory : ApiFactory
{
    public const string Issuer = "https://idp.test/realms/cloudbroker";
    public const string Audience = "cloudbroker-api";

    private static readonly JsonSerializerOptions CamelCase = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "test-key-1" };

    public string JwksPath => Path.Combine(DataDirectory, "jwks.json");

    /// <summary>The issuer's signing key, for tests that build unusual tokens themselves.</summary>
    public SecurityKey SigningKey => _key;

    protected override void AddSettings(Dictionary<string, string?> settings)
    {
        Directory.CreateDirectory(DataDirectory);
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_key.Rsa.ExportParameters(false)) { KeyId = _key.KeyId });
        jwk.Use = "sig";
        jwk.Alg = SecurityAlgorithms.RsaSha256;
        File.WriteAllText(JwksPath, JsonSerializer.Serialize(new { keys = new[] { new { jwk.Kty, jwk.Kid, jwk.Use, jwk.Alg, jwk.N, jwk.E } } },
            CamelCase));
        settings["CloudBroker:Auth:Oidc:Issuer"] = Issuer;
        settings["CloudBroker:Auth:Oidc:Audience"] = Audience;
        settings["CloudBroker:Auth:Oidc:JwksFile"] = JwksPath;
    }

    /// <summary>A signed token; <paramref name="signWith"/> replaces the issuer's key (a forged token).</summary>
    public string Token(
        string subject, string? tenant, string[]? roles = null, string[]? groups = null, string? name = null,
        string audience = Audience, DateTime? expires = null, SecurityKey? signWith = null)
    {
        var claims = new Dictionary<string, object> { ["sub"] = subject };
        if (tenant is not null)
        {
            claims["tenant"] = tenant;
        }

        if (roles is not null)
        {
            claims["roles"] = roles;
        }

        if (groups is not null)
        {
            claims["groups"] = groups;
        }

        if (name is not null)
        {
            claims["preferred_username"] = name;
        }

        var expiry = expires ?? DateTime.UtcNow.AddMinutes(10);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = expiry.AddMinutes(-20),
            NotBefore = expiry.AddMinutes(-20),
            Expires = expiry,
            SigningCredentials = new SigningCredentials(signWith ?? _key, SecurityAlgorithms.RsaSha256),
        });
    }
}
