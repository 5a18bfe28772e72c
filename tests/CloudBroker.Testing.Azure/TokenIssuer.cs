using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CloudBroker.Testing.Azure;

/// <summary>
/// Entra ID's client-credentials grant (<c>POST /{tenant}/oauth2/v2.0/token</c>) and the bearer check ARM makes.
/// Tokens are opaque random strings remembered until they expire.
/// </summary>
internal sealed class TokenIssuer(ArmFakeOptions options, ArmFakeCounters counters)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _issued = new(StringComparer.Ordinal);

    public async Task HandleAsync(HttpContext context, string tenant)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync() : null;
        var refusal = Refusal(tenant, form);
        if (refusal is not null)
        {
            counters.CountUnauthorized();
            await ArmJson.WriteAsync(context.Response, refusal.Value.Status, new JsonObject
            {
                ["error"] = refusal.Value.Error,
                ["error_description"] = refusal.Value.Description,
                ["error_codes"] = new JsonArray(refusal.Value.AadCode),
                ["timestamp"] = options.Time.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["trace_id"] = Guid.NewGuid().ToString(),
                ["correlation_id"] = Guid.NewGuid().ToString(),
            });
            return;
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var lifetime = options.TokenLifetime;
        _issued[token] = options.Time.GetUtcNow() + lifetime;
        context.Response.Headers.CacheControl = "no-store, no-cache";
        await ArmJson.WriteAsync(context.Response, 200, new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = (int)lifetime.TotalSeconds,
            ["ext_expires_in"] = (int)lifetime.TotalSeconds,
            ["access_token"] = token,
        });
    }

    /// <summary>Whether the request carries a token this fake issued and that has not expired.</summary>
    public bool Accepts(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && _issued.TryGetValue(header[scheme.Length..].Trim(), out var expires)
            && expires > options.Time.GetUtcNow();
    }

    private (int Status, string Error, string Description, int AadCode)? Refusal(string tenant, IFormCollection? form)
    {
        if (!string.Equals(tenant, options.TenantId, StringComparison.OrdinalIgnoreCase))
        {
            return (400, "invalid_request", $"AADSTS90002: Tenant '{tenant}' not found.", 90002);
        }

        if (form is null || form["grant_type"] != "client_credentials")
        {
            return (400, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type.", 70003);
        }

        if (form["client_id"] != options.ClientId)
        {
            return (400, "unauthorized_client", $"AADSTS700016: Application with identifier '{form["client_id"]}' was not found in the directory.", 700016);
        }

        if (form["client_secret"] != options.ClientSecret)
        {
            return (401, "invalid_client", "AADSTS7000215: Invalid client secret provided.", 7000215);
        }

        var scope = form["scope"].ToString();
        return scope.EndsWith("/.default", StringComparison.Ordinal)
            ? null
            : (400, "invalid_scope", $"AADSTS1002012: The provided value for scope '{scope}' is not valid.", 1002012);
    }
}
