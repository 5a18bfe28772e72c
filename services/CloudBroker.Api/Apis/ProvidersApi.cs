using CloudBroker.Api.Http;
using CloudBroker.Api.Models;
using CloudBroker.Identity;
using CloudBroker.Problems;
using CloudBroker.Provisioning.Providers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudBroker.Api.Apis;

internal static class ProvidersApi
{
    public static void MapProvidersApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/providers").WithTags("Providers");
        group.MapGet("/", List).AllowQuery("limit", "cursor").Allow(AccessRule.Read).WithSummary("Every configured provider");
        group.MapGet("/{id}", Get).AllowQuery().Allow(AccessRule.Read).WithSummary("One provider").ProducesProblem(404);
    }

    private static Ok<Page<ProviderModel>> List(ProviderRegistry providers, int? limit, string? cursor)
    {
        var page = PageRequest.From(limit, cursor);
        var fetched = providers.All
            .Where(p => page.After is null || string.CompareOrdinal(p.Id, page.After) > 0)
            .Take(page.Limit + 1)
            .ToArray();
        var (items, next) = page.Cut(fetched, p => p.Id);
        return TypedResults.Ok(new Page<ProviderModel>(items.Select(p => p.ToModel()).ToArray(), next));
    }

    private static Ok<ProviderModel> Get(string id, ProviderRegistry providers) =>
        TypedResults.Ok((providers.Find(id) ?? throw ProblemException.NotFound($"provider '{id}'")).ToModel());
}
