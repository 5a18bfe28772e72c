using CloudBroker.Api.Http;
using CloudBroker.Api.Models;
using CloudBroker.Problems;
using CloudBroker.Provisioning.Providers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudBroker.Api.Apis;

internal static class ProvidersApi
{
    public static void MapProvidersApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/providers").WithTags("Providers");
        group.MapGet("/", List).AllowQuery().WithSummary("Every configured provider");
        group.MapGet("/{id}", Get).AllowQuery().WithSummary("One provider").ProducesProblem(404);
    }

    private static Ok<Page<ProviderModel>> List(ProviderRegistry providers) =>
        TypedResults.Ok(new Page<ProviderModel>(providers.All.Select(p => p.ToModel()).ToArray(), null));

    private static Ok<ProviderModel> Get(string id, ProviderRegistry providers) =>
        TypedResults.Ok((providers.Find(id) ?? throw ProblemException.NotFound($"provider '{id}'")).ToModel());
}
