using System.Diagnostics;
using CloudBroker.Audit;
using CloudBroker.Identity.Access;
using CloudBroker.Identity.Authentication;

namespace CloudBroker.Api.Http;

/// <summary>
/// Records every mutation (POST, PUT, PATCH, DELETE under <c>/api</c>) by an authenticated caller, whatever
/// its outcome: it sits after authentication and before authorization, so 403s are recorded too, and it writes
/// in <c>Response.OnCompleted</c>, so the status is the final one (also the 500 the exception handler makes of
/// a throw) and the answer does not wait for the write (the next request on a keep-alive connection does). Unauthenticated attempts (401) are not recorded: no
/// one to attribute them to, and anyone on the network could flood the log with them.
/// What is recorded is metadata only: never a body, a header value other than <c>Idempotency-Key</c>, or a secret.
/// The entry names the caller's tenant and the tenant whose data the request acted on (<see cref="AuditedTenants"/>);
/// its text is escaped and cut where it is stored (<see cref="AuditText"/>).
/// </summary>
internal sealed class AuditMiddleware(RequestDelegate next, AuditLog log, TimeProvider time)
{
    /// <summary>The claim naming the API key a caller authenticated with (<see cref="ApiKeyAuthenticationHandler"/>).</summary>
    public const string ApiKeyClaim = "cb:api-key";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!IsMutation(request.Method) || !request.Path.StartsWithSegments("/api") || context.User.Identity?.IsAuthenticated != true)
        {
            await next(context);
            return;
        }

        // Captured now: the exception handler clears the endpoint and route values before it re-executes.
        var caller = Caller.From(context.User);
        var (route, target) = RouteOf(context);
        var problem = new AuditProblemFeature();
        context.Features.Set(problem);
        var apiKeyId = context.User.FindFirst(ApiKeyClaim)?.Value;
        var remote = context.Connection.RemoteIpAddress;
        var source = (remote is { IsIPv4MappedToIPv6: true } ? remote.MapToIPv4() : remote)?.ToString(); // "::ffff:10.0.0.1" on dual-stack sockets
        var requestId = Activity.Current?.TraceId.ToHexString() ?? context.TraceIdentifier;
        var idempotencyKey = request.Headers[IdempotencyMiddleware.Header].FirstOrDefault();
        var method = request.Method.ToUpperInvariant();
        var touched = AuditedTenants.Begin(caller.CanSee); // the tenants whose rows this request reads or writes (async: it ends with this method)

        context.Response.OnCompleted(() =>
        {
            var status = context.Response.StatusCode;
            return log.AppendAsync(
                new AuditEntry
                {
                    At = time.GetUtcNow().UtcDateTime,
                    TenantId = caller.TenantId,
                    TargetTenantId = touched.Single ?? caller.TenantId,
                    UserId = caller.UserId,
                    ApiKeyId = apiKeyId,
                    Method = method,
                    Route = route,
                    Target = target,
                    Status = status,
                    Result = AuditResult.ForStatus(status),
                    Problem = status >= 400 ? problem.Slug : null,
                    SourceAddress = source,
                    RequestId = requestId,
                    IdempotencyKey = idempotencyKey,
                },
                CancellationToken.None);
        });
        await next(context);
    }

    private static bool IsMutation(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    /// <summary>The matched route pattern and its parameter values; the bare path when no endpoint matched.</summary>
    private static (string Route, string? Target) RouteOf(HttpContext context)
    {
        if (context.GetEndpoint() is not RouteEndpoint { RoutePattern: var pattern })
        {
            return (context.Request.Path.Value ?? "/", null);
        }

        var raw = pattern.RawText ?? context.Request.Path.Value ?? "/";
        var route = raw.Length > 1 ? raw.TrimEnd('/') : raw; // group "/instances" + "/" is "/api/instances/"
        var values = pattern.Parameters
            .Select(p => context.Request.RouteValues.TryGetValue(p.Name, out var v) ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) : null)
            .Where(v => !string.IsNullOrEmpty(v))
            .ToArray();
        return (route, values.Length == 0 ? null : string.Join('/', values));
    }
}
