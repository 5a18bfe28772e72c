using System.Security.Claims;
using System.Text.Encodings.Web;
using CloudBroker.Identity.ApiKeys;
using CloudBroker.Persistence;
using CloudBroker.Problems;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudBroker.Identity.Authentication;

/// <summary>
/// <c>Authorization: Bearer &lt;api key&gt;</c>: the key's hash is looked up among unrevoked keys.
/// Refusals are problem documents (<c>unauthenticated</c>, <c>forbidden</c>).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            return AuthenticateResult.Fail("the Authorization header must be 'Bearer <api key>'");
        }

        var hash = ApiKeySecret.Hash(header[7..].Trim());
        var cache = Context.RequestServices.GetRequiredService<ApiKeyCache>();
        if (!cache.TryGet(hash, out var key))
        {
            var db = Context.RequestServices.GetRequiredService<BrokerDbContext>();
            key = await UserKeys.VerifyAsync(db, hash, Context.RequestAborted);
            if (key is null)
            {
                return AuthenticateResult.Fail("unknown or revoked API key, or its user is disabled");
            }

            cache.Add(hash, key);
        }

        var principal = CallerPrincipal.Create(SchemeName, key.TenantId, key.UserId, key.Roles.Split(' ', StringSplitOptions.RemoveEmptyEntries), key.GroupIds, ("cb:api-key", key.Id));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        await AuthProblems.WriteAsync(Context, ProblemTypes.Unauthenticated, failure ?? "send 'Authorization: Bearer <api key or token>'");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        AuthProblems.WriteAsync(Context, ProblemTypes.Forbidden, "your role may not use this function");
}
