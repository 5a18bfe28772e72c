using CloudBroker.Api.Http;
using CloudBroker.Api.Models;
using CloudBroker.Identity.Access;
using CloudBroker.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudBroker.Api.Apis;

/// <summary>Public documentation of every problem type a response may carry.</summary>
internal static class ProblemsApi
{
    public static void MapProblemsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/problems").Allow(AccessRule.Public).WithTags("Problems");
        group.MapGet("/", () => TypedResults.Ok<IReadOnlyList<ProblemTypeModel>>(ProblemTypes.All.Select(ToModel).ToArray()))
            .AllowQuery().WithSummary("Every problem type");
        group.MapGet("/{slug}", Get).AllowQuery().WithSummary("One problem type").ProducesProblem(404);
    }

    private static Ok<ProblemTypeModel> Get(string slug) =>
        TypedResults.Ok(ToModel(ProblemTypes.Find(slug) ?? throw ProblemException.NotFound($"problem type '{slug}'")));

    private static ProblemTypeModel ToModel(ProblemType type) => new(type.Uri, type.Title, type.Status, type.Description);
}
