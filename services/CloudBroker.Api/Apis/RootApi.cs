using CloudBroker.Api.Http;
using CloudBroker.Api.Models;
using CloudBroker.Identity.Access;
using CloudBroker.Provisioning.Providers;

namespace CloudBroker.Api.Apis;

/// <summary><c>GET /api</c>: public, like Deltacloud's entry point: links and what each provider can do.</summary>
internal static class RootApi
{
    public static readonly IReadOnlyDictionary<string, string> Links = new Dictionary<string, string>
    {
        ["providers"] = "/api/providers",
        ["realms"] = "/api/realms",
        ["images"] = "/api/images",
        ["hardwareProfiles"] = "/api/hardware-profiles",
        ["instances"] = "/api/instances",
        ["instanceStates"] = "/api/instance-states",
        ["keys"] = "/api/keys",
        ["operations"] = "/api/operations/{id}",
        ["tenants"] = "/api/tenants",
        ["groups"] = "/api/groups",
        ["users"] = "/api/users",
        ["me"] = "/api/me",
        ["audit"] = "/api/audit",
        ["problems"] = "/problems",
        ["openapi"] = "/openapi/v1.json",
        ["docs"] = "/scalar",
    };

    public static void MapRootApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api", (ProviderRegistry providers) =>
                TypedResults.Ok(new ApiRoot("1", Links, providers.All.Select(p => p.ToSummary()).ToArray())))
            .Allow(AccessRule.Public)
            .AllowQuery()
            .WithTags("Entry point")
            .WithSummary("Version, collection links and each provider's capabilities");
}
