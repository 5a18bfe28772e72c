using CloudBroker.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CloudBroker.Api.Http.OpenApi;

/// <summary>
/// Every error status an operation documents says which problem types (<see cref="ProblemTypes"/>) it carries, as an
/// <c>application/problem+json</c> body; an operation that needs authorization documents its 401 and 403, and one that
/// checks its query parameters (<see cref="AllowedQuery"/>) its 400.
/// </summary>
internal sealed class ProblemResponses : IOpenApiOperationTransformer
{
    private const string ProblemJson = "application/problem+json";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Responses ??= [];
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Responses.TryAdd("401", new OpenApiResponse());
            operation.Responses.TryAdd("403", new OpenApiResponse());
        }

        if (metadata.OfType<AllowedQuery>().Any())
        {
            operation.Responses.TryAdd("400", new OpenApiResponse()); // an unknown query parameter: invalid-parameter
        }

        foreach (var (status, response) in operation.Responses)
        {
            if (!int.TryParse(status, out var code) || code < 400 || response is not OpenApiResponse documented)
            {
                continue;
            }

            var types = ProblemTypes.All.Where(t => t.Status == code).DefaultIfEmpty(ProblemTypes.ForStatus(code));
            documented.Description = string.Join("; ", types.Select(t => $"{t.Title} (`{t.Uri}`)"));
            documented.Content ??= new Dictionary<string, OpenApiMediaType>();
            documented.Content.Remove("application/json");
            documented.Content.TryAdd(ProblemJson, new OpenApiMediaType { Schema = new OpenApiSchemaReference(nameof(Microsoft.AspNetCore.Mvc.ProblemDetails), context.Document) });
        }

        return Task.CompletedTask;
    }
}
