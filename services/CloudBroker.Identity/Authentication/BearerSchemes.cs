using CloudBroker.Identity.Oidc;
using CloudBroker.Problems;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CloudBroker.Identity.Authentication;

/// <summary>
/// <c>Authorization: Bearer …</c> carries an API key or, when an OIDC issuer is configured, a JWT: a policy
/// scheme sends three-part tokens to the JWT handler and everything else to the API key handler.
/// </summary>
public static class BearerSchemes
{
    public const string Selector = "Bearer";

    public static AuthenticationBuilder AddBrokerAuthentication(this IServiceCollection services, OidcSettings oidc)
    {
        services.AddSingleton(oidc); // user writes stamp a subject with the issuer
        var builder = services.AddAuthentication(Selector)
            .AddPolicyScheme(Selector, null, o => o.ForwardDefaultSelector = context =>
                oidc.Enabled && LooksLikeJwt(context.Request.Headers.Authorization.ToString()) ? OidcPrincipalMapper.SchemeName : ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        if (oidc.Enabled)
        {
            services.AddScoped<OidcPrincipalMapper>();
            var keys = new JwksFileKeys(oidc.JwksFile!);
            builder.AddJwtBearer(OidcPrincipalMapper.SchemeName, o => Configure(o, oidc, keys));
        }

        return builder;
    }

    private static string NotPinned => $"it is not signed with {string.Join(" or ", TokenRules.Algorithms)}";

    /// <summary>The <c>alg</c> a bearer token's header names, or <c>null</c> when it cannot be read.</summary>
    private static string? AlgorithmOf(string header)
    {
        try
        {
            return LooksLikeJwt(header) ? new JsonWebToken(header.AsSpan(7).Trim().ToString()).Alg : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static bool LooksLikeJwt(string header) =>
        header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.AsSpan(7).Trim().Count('.') == 2;

    private static void Configure(JwtBearerOptions options, OidcSettings oidc, JwksFileKeys keys)
    {
        options.MapInboundClaims = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = oidc.Issuer,
            ValidAudience = oidc.Audience,
            IssuerSigningKeyResolver = (_, _, _, _) => keys.Current(),
            ValidAlgorithms = TokenRules.Algorithms,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = TimeSpan.FromMinutes(1),
        };
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = async context =>
            {
                var time = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
                if (TokenRules.Refusal(context.SecurityToken, oidc, time.GetUtcNow().UtcDateTime) is { } broken)
                {
                    context.Fail(broken); // before the mapper: a refused token makes no user
                    return;
                }

                var mapper = context.HttpContext.RequestServices.GetRequiredService<OidcPrincipalMapper>();
                var (principal, refusal) = await mapper.MapAsync(context.Principal!, oidc, context.HttpContext.RequestAborted);
                if (principal is null)
                {
                    context.Fail(refusal!);
                    return;
                }

                context.Principal = principal;
            },
            OnChallenge = async context =>
            {
                context.HandleResponse();
                var detail = context.AuthenticateFailure is { } failure
                    ? "the token was refused: " + Describe(failure, AlgorithmOf(context.Request.Headers.Authorization.ToString()))
                    : "send 'Authorization: Bearer <api key or token>'";
                await AuthProblems.WriteAsync(context.HttpContext, ProblemTypes.Unauthenticated, detail);
            },
            OnForbidden = context => AuthProblems.WriteAsync(context.HttpContext, ProblemTypes.Forbidden, "your role may not use this function"),
        };
    }

    /// <summary>What went wrong, without echoing the token.</summary>
    private static string Describe(Exception failure, string? algorithm) => failure switch
    {
        SecurityTokenExpiredException => "it has expired",
        SecurityTokenInvalidAlgorithmException => NotPinned,
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException when algorithm is not null && !TokenRules.Algorithms.Contains(algorithm) =>
            NotPinned, // the handler tries every key with the algorithm and reports the last failure

        SecurityTokenInvalidIssuerException => "its issuer is not the configured one",
        SecurityTokenInvalidAudienceException => "its audience is not the configured one",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "its signature does not verify with the issuer's keys",
        SecurityTokenException => "it is not a valid token",
        _ => failure.Message,
    };
}
