using CloudBroker.Api.Models;
using CloudBroker.Persistence;
using CloudBroker.Provisioning.Providers;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudBroker.Api.Apis;

/// <summary><c>/healthz</c>: the process answers. <c>/readyz</c>: the database and the bus work.</summary>
internal static class HealthApi
{
    public static void MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Ok(new HealthModel("ok", new Dictionary<string, string>())))
            .AllowAnonymous().WithTags("Health");
        app.MapGet("/readyz", Ready).AllowAnonymous().WithTags("Health");
    }

    private static async Task<Results<Ok<HealthModel>, JsonHttpResult<HealthModel>>> Ready(
        BrokerDbContext db, IBusControl bus, ProviderRegistry providers, CancellationToken cancellationToken)
    {
        var checks = new Dictionary<string, string>
        {
            ["database"] = await db.Database.CanConnectAsync(cancellationToken) ? "ok" : "unreachable",
            ["bus"] = bus.CheckHealth().Status == BusHealthStatus.Healthy ? "ok" : "not started",
        };
        foreach (var provider in providers.All)
        {
            // Providers are reported, not required: one unusable provider must not take the broker out of service.
            checks["provider:" + provider.Id] = provider.Status == ProviderStatus.Available ? "ok" : "unavailable: " + provider.UnavailableReason;
        }

        var ready = checks["database"] == "ok" && checks["bus"] == "ok";
        var model = new HealthModel(ready ? "ok" : "unavailable", checks);
        return ready ? TypedResults.Ok(model) : TypedResults.Json(model, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
