using CloudBroker.Api.Http;
using CloudBroker.Api.Models;
using CloudBroker.Identity.Access;
using CloudBroker.Identity.Users;
using CloudBroker.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Api.Apis;

/// <summary><c>GET /api/me</c>: who the broker thinks the caller is (handy when a token's claims are mapped).</summary>
internal static class MeApi
{
    public static void MapMeApi(this IEndpointRouteBuilder api) =>
        api.MapGet("/me", Get).Allow(AccessRule.Read).AllowQuery().WithTags("Users").WithSummary("Your user, tenant, roles and groups");

    private static async Task<Ok<MeModel>> Get(HttpContext http, BrokerDbContext db, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var name = await db.Set<User>().AsNoTracking().Where(u => u.Id == caller.UserId).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken);
        return TypedResults.Ok(new MeModel(
            caller.UserId, caller.TenantId, name, [.. caller.Roles.Order(StringComparer.Ordinal)], [.. caller.GroupIds], caller.DefaultGroupId,
            http.User.Identity?.AuthenticationType ?? "unknown"));
    }
}
