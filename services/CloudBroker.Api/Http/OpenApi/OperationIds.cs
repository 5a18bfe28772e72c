using System.Globalization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CloudBroker.Api.Http.OpenApi;

/// <summary>
/// An operation id for every operation that has no name of its own (<c>WithName</c>): the method and the path's words,
/// <c>GET /api/instances/{id}/events</c> → <c>getInstancesByIdEvents</c>. Derived, so ids stay stable while the
/// route does, and unique because method and path are (<c>GET /api</c>, the entry point, is <c>getApi</c>).
/// </summary>
internal sealed class OperationIds : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                operation.OperationId ??= IdOf(method.Method, path);
            }
        }

        return Task.CompletedTask;
    }

    public static string IdOf(string method, string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var words = segments.Skip(segments is ["api", _, ..] ? 1 : 0)
            .Select(segment => segment.StartsWith('{') ? "By-" + segment.Trim('{', '}') : segment)
            .SelectMany(segment => segment.Split('-', '.', '_'))
            .Where(word => word.Length > 0)
            .Select(word => char.ToUpperInvariant(word[0]) + word[1..]);
        return method.ToLowerInvariant() + string.Concat(words);
    }
}
