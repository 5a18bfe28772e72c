using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CloudBroker.Hosting;

/// <summary><c>/healthz</c>: the process answers (liveness). <c>/readyz</c>: it can do its work (readiness, 503 when not).</summary>
public static class BrokerHealthEndpoints
{
    /// <param name="each">What the host adds to both endpoints (the API host: its query-parameter rule).</param>
    public static IEndpointRouteBuilder MapBrokerHealth(this IEndpointRouteBuilder app, Action<RouteHandlerBuilder>? each = null)
    {
        var live = app.MapGet("/healthz", () => TypedResults.Ok(new HealthModel("ok", new Dictionary<string, string>())))
            .AllowAnonymous().WithTags("Health").WithSummary("Liveness: 200 while the process runs");
        var ready = app.MapGet("/readyz", Ready).AllowAnonymous().WithTags("Health")
            .WithSummary("Readiness: 200 when the process can do its work, 503 with the failing checks when not");
        each?.Invoke(live);
        each?.Invoke(ready);
        return app;
    }

    private static async Task<Results<Ok<HealthModel>, JsonHttpResult<HealthModel>>> Ready(BrokerReadiness readiness, CancellationToken cancellationToken)
    {
        var (ready, checks) = await readiness.CheckAsync(cancellationToken);
        var model = new HealthModel(ready ? "ok" : "unavailable", checks);
        return ready ? TypedResults.Ok(model) : TypedResults.Json(model, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
