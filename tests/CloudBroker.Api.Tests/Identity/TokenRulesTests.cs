using System.Net;
using CloudBroker.Api.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Identity;

/// <summary>
/// Tokens signed by the configured issuer with its own key are still refused when they break the rules: an algorithm
/// other than RS256 and ES256, a critical header extension (RFC 7515 §4.1.11), or a lifetime past
/// <c>CloudBroker__Auth__Oidc__MaxTokenLifetime</c> (24 h by default).
/// </summary>
public sealed class TokenRulesTests(OidcApiFactory factory) : IClassFixture<OidcApiFactory>
{
    [Theory]
    [InlineData(SecurityAlgorithms.RsaSha384)]
    [InlineData(SecurityAlgorithms.RsaSsaPssSha256)]
    public async Task A_token_signed_with_an_algorithm_that_is_not_pinned_is_refused(string algorithm)
    {
        var tenant = await TenantAsync();
        await ExpectRefusedAsync(Token(tenant, algorithm: algorithm), "RS256 or ES256");
        await ExpectAcceptedAsync(Token(tenant)); // the same key with RS256
    }

    [Fact]
    public async Task A_token_naming_a_critical_header_extension_is_refused()
    {
        var tenant = await TenantAsync();
        var headers = new Dictionary<string, object> { ["crit"] = new[] { "exp-ext" }, ["exp-ext"] = "yes" };
        await ExpectRefusedAsync(Token(tenant, headers: headers), "'crit'");
    }

    [Fact]
    public async Task A_token_that_lives_longer_than_allowed_is_refused()
    {
        var tenant = await TenantAsync();
        var now = DateTime.UtcNow;
        await ExpectRefusedAsync(Sign(tenant, issuedAt: now, expires: now.AddYears(10)), "lifetime");
        await ExpectRefusedAsync(Sign(tenant, issuedAt: now.AddHours(-1), expires: now.AddHours(23.5)), "lifetime");
        await ExpectRefusedAsync(Sign(tenant, issuedAt: null, expires: now.AddHours(25)), "lifetime"); // no iat or nbf: judged by what is left

        await ExpectAcceptedAsync(Sign(tenant, issuedAt: now.AddHours(-1), expires: now.AddHours(22)));
        await ExpectAcceptedAsync(Sign(tenant, issuedAt: null, expires: now.AddMinutes(10)));
    }

    private async Task<string> TenantAsync()
    {
        using var admin = factory.CreateAdminClient();
        return await admin.CreateTenantAsync(UniqueName("tokens"));
    }

    private string Token(string tenant, string algorithm = SecurityAlgorithms.RsaSha256, Dictionary<string, object>? headers = null) =>
        Sign(tenant, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(10), algorithm, headers);

    /// <summary>A token of the issuer's key; without <paramref name="issuedAt"/> it has neither <c>iat</c> nor <c>nbf</c>.</summary>
    private string Sign(
        string tenant, DateTime? issuedAt, DateTime expires, string algorithm = SecurityAlgorithms.RsaSha256, Dictionary<string, object>? headers = null) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = OidcApiFactory.Issuer,
            Audience = OidcApiFactory.Audience,
            Claims = new Dictionary<string, object> { ["sub"] = Guid.NewGuid().ToString(), ["tenant"] = tenant, ["roles"] = new[] { "member" } },
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = expires,
            AdditionalHeaderClaims = headers,
            SigningCredentials = new SigningCredentials(factory.SigningKey, algorithm),
        });

    private async Task ExpectRefusedAsync(string token, string reason)
    {
        using var client = factory.WithKey(token);
        using var response = await client.GetAsync("/api/me", Ct);
        var problem = await ExpectProblemAsync(response, HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Contains(reason, (string)problem["detail"]!, StringComparison.Ordinal);
    }

    private async Task ExpectAcceptedAsync(string token)
    {
        using var client = factory.WithKey(token);
        using var response = await client.GetAsync("/api/me", Ct);
        Assert.Equal("Oidc", (string?)(await ExpectJsonAsync(response, HttpStatusCode.OK))["authenticatedBy"]);
    }
}
