using CloudBroker.Api.Http;
using CloudBroker.Api.Models;
using CloudBroker.Identity.Access;
using CloudBroker.Persistence;
using CloudBroker.Provisioning.Operations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Api.Apis;

internal static class OperationsApi
{
    public static void MapOperationsApi(this IEndpointRouteBuilder api) =>
        api.MapGet("/operations/{id}", Get).AllowQuery().Allow(AccessRule.Read).WithTags("Operations")
            .WithSummary("An asynchronous request: status, steps and error").ProducesProblem(404);

    private static async Task<Ok<OperationModel>> Get(string id, HttpContext http, BrokerDbContext db, CancellationToken cancellationToken)
    {
        // An operation carries its instance's tenant, owner and group: whoever may read the instance may read it.
        var operation = await Caller.From(http.User).Rows().FindAsync(db.Set<Operation>().AsNoTracking(), id, "operation", cancellationToken);
        http.Response.Headers.ETag = WireMapping.ETag(operation.Version);
        return TypedResults.Ok(operation.ToModel());
    }
}
