using System.Text;
using Microsoft.AspNetCore.Http;

namespace CloudBroker.Testing.Azure;

/// <summary>
/// Every request passes here: it is counted and recorded, routed by its path (ARM paths are case-insensitive), and
/// ARM requests meet what ARM's front door does before a resource provider sees them — the bearer check, the
/// subscription's write bucket and, as injected faults, 500/503 answers.
/// </summary>
internal sealed class ArmGate(ArmFakeOptions options, ArmFakeCounters counters, TokenIssuer tokens, WriteBucket writes, VmEndpoints vms)
{
    private const int MaxRecorded = 20_000;
    private readonly Lock _gate = new();
    private readonly List<RecordedRequest> _recorded = [];
    private Random? _dice;

    public IReadOnlyList<RecordedRequest> Recorded
    {
        get
        {
            lock (_gate)
            {
                return [.. _recorded];
            }
        }
    }

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        request.EnableBuffering();
        var body = await new StreamReader(request.Body, Encoding.UTF8).ReadToEndAsync(context.RequestAborted);
        request.Body.Position = 0;
        var route = ArmRoute.Parse(request.Method, request.Path.Value ?? "/");
        counters.Count(route.Kind);
        context.Response.Headers["x-ms-request-id"] = Guid.NewGuid().ToString();

        await DispatchAsync(context, route, body);
        lock (_gate)
        {
            if (_recorded.Count < MaxRecorded)
            {
                _recorded.Add(new RecordedRequest(route.Kind, request.Method, $"{request.Path}{request.QueryString}", body, context.Response.StatusCode));
            }
        }
    }

    private async Task DispatchAsync(HttpContext context, ArmRoute route, string body)
    {
        if (route.Kind == "token")
        {
            await tokens.HandleAsync(context, route.Name!);
            return;
        }

        if (route.Kind == "other")
        {
            await new ArmError(404, "InvalidResourceType", $"The fake serves no '{context.Request.Method} {context.Request.Path}'.").WriteAsync(context.Response);
            return;
        }

        if (await RefusedAsync(context, route))
        {
            return;
        }

        var name = route.Name!;
        await (route.Kind switch
        {
            "put" => vms.PutAsync(context, name, body),
            "get" => vms.GetAsync(context, name),
            "list" => vms.ListAsync(context),
            "delete" => vms.DeleteAsync(context, name),
            "operation" => vms.OperationAsync(context, name),
            _ => vms.ActAsync(context, name, route.Kind),
        });
    }

    /// <summary>The front door's refusals, in ARM's order: authentication, scope, api-version, throttling, then faults.</summary>
    private async Task<bool> RefusedAsync(HttpContext context, ArmRoute route)
    {
        var response = context.Response;
        if (!tokens.Accepts(context.Request))
        {
            counters.CountUnauthorized();
            response.Headers.WWWAuthenticate = "Bearer authorization_uri=\"https://login.microsoftonline.com/common\", error=\"invalid_token\"";
            await new ArmError(401, "InvalidAuthenticationToken", "The access token is invalid.").WriteAsync(response);
            return true;
        }

        ArmError? refusal =
            !string.Equals(route.Subscription, options.SubscriptionId, StringComparison.OrdinalIgnoreCase)
                ? new ArmError(404, "SubscriptionNotFound", $"The subscription '{route.Subscription}' could not be found.")
            : route.ResourceGroup is { } group && !string.Equals(group, options.ResourceGroup, StringComparison.OrdinalIgnoreCase)
                ? new ArmError(404, "ResourceGroupNotFound", $"Resource group '{group}' could not be found.")
            : context.Request.Query["api-version"] != VmEndpoints.ApiVersion
                ? new ArmError(400, "InvalidApiVersionParameter", $"The api-version '{context.Request.Query["api-version"]}' is invalid; the fake serves {VmEndpoints.ApiVersion}.")
                : null;
        if (refusal is not null)
        {
            await refusal.WriteAsync(response);
            return true;
        }

        if (route.IsWrite)
        {
            if (!writes.TryTake(out var retryAfter, out var remaining))
            {
                counters.CountThrottled();
                response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                response.Headers["x-ms-ratelimit-remaining-subscription-writes"] = "0";
                await new ArmError(429, "TooManyRequests",
                    "The request is being throttled as the limit has been reached for operation type - Write.").WriteAsync(response);
                return true;
            }

            response.Headers["x-ms-ratelimit-remaining-subscription-writes"] = remaining.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (Roll() is { } status)
        {
            counters.CountServerError();
            await new ArmError(status, status == 503 ? "ServiceUnavailable" : "InternalServerError",
                "The server had an error while processing the request (injected fault).").WriteAsync(response);
            return true;
        }

        return false;
    }

    /// <summary>An injected 500 or 503, at <see cref="ArmFakeOptions.ServerErrorRate"/>.</summary>
    private int? Roll()
    {
        if (options.ServerErrorRate <= 0)
        {
            return null;
        }

        lock (_gate)
        {
            _dice ??= new Random(options.Seed);
            return _dice.NextDouble() < options.ServerErrorRate ? (_dice.Next(2) == 0 ? 500 : 503) : null;
        }
    }
}
