using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;

namespace CloudBroker.Api.Tests.Telemetry;

/// <summary>
/// The served OpenAPI document tells a client generator what it needs: the bearer scheme on every protected operation
/// (the empty requirement on anonymous ones), an operation id and a summary each, the problem types behind every error
/// status, and a description for each tag. (<c>SecurityHeadersTests</c> hold its server URL; the lane
/// <c>served-pages</c> lints it with Redocly's recommended rules.)
/// </summary>
public sealed class OpenApiDocumentTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryProtectedOperationDeclaresTheBearerSchemeAndNoAnonymousOneDoes()
    {
        var document = await DocumentAsync();
        var scheme = document["components"]!["securitySchemes"]!["apiKey"]!;
        Assert.Equal("http", (string?)scheme["type"]);
        Assert.Equal("bearer", (string?)scheme["scheme"]);
        var operations = Operations(document).ToList();
        Assert.True(operations.Count > 40, $"only {operations.Count} operations");
        foreach (var (path, method, operation) in operations)
        {
            var security = operation["security"]?.AsArray().Select(r => string.Join(",", r!.AsObject().Select(p => p.Key))).ToList() ?? [];
            if (path.StartsWith("/api/", StringComparison.Ordinal)) // GET /api, the entry point, is public like the probes and /problems
            {
                Assert.True(security.SequenceEqual(["apiKey"]), $"{method} {path}: security {string.Join(" | ", security)}");
                Assert.NotNull(operation["responses"]!["401"]);
            }
            else
            {
                Assert.True(security.SequenceEqual([""]), $"{method} {path} is anonymous but declares {string.Join(" | ", security)}");
            }
        }
    }

    [Fact]
    public async Task EveryOperationHasAUniqueIdASummaryAndDescribedTagsAndEveryErrorNamesItsProblemTypes()
    {
        var document = await DocumentAsync();
        var operations = Operations(document).ToList();
        var ids = operations.Select(o => (string?)o.Operation["operationId"]).ToList();
        Assert.DoesNotContain(null, ids);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("getInstancesById", ids);

        var described = document["tags"]!.AsArray().ToDictionary(t => (string)t!["name"]!, t => (string?)t!["description"]);
        foreach (var (path, method, operation) in operations)
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)operation["summary"]), $"{method} {path} has no summary");
            foreach (var tag in operation["tags"]!.AsArray())
            {
                Assert.False(string.IsNullOrWhiteSpace(described.GetValueOrDefault((string)tag!)), $"tag {tag} has no description");
            }

            foreach (var (status, response) in operation["responses"]!.AsObject())
            {
                if (int.Parse(status, System.Globalization.CultureInfo.InvariantCulture) >= 400)
                {
                    Assert.Contains("`/problems/", (string?)response!["description"], StringComparison.Ordinal);
                    Assert.NotNull(response["content"]!["application/problem+json"]);
                }
            }
        }
    }

    private async Task<JsonNode> DocumentAsync()
    {
        using var client = factory.CreateClient();
        return JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json", Ct))!;
    }

    private static IEnumerable<(string Path, string Method, JsonNode Operation)> Operations(JsonNode document) =>
        from path in document["paths"]!.AsObject()
        from method in path.Value!.AsObject()
        where Methods.Contains(method.Key)
        select (path.Key, method.Key, method.Value!);
}
