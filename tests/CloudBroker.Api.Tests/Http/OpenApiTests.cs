using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Http;

/// <summary><c>/openapi/v1.json</c> documents every <c>/api</c> route the app maps, with the statuses it answers.</summary>
public sealed class OpenApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task The_document_is_openapi_3_1_and_public()
    {
        var document = await GetAsync();
        Assert.StartsWith("3.1", (string?)document["openapi"], StringComparison.Ordinal);
        Assert.Equal("1", (string?)document["info"]!["version"]);
    }

    [Fact]
    public async Task Every_mapped_api_route_is_documented()
    {
        var paths = (await GetAsync())["paths"]!.AsObject();
        var mapped = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .Select(e => (Path: "/" + e.RoutePattern.RawText!.Trim('/'), Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []))
            .Where(e => e.Path == "/api" || e.Path.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => e.Methods.Select(m => (e.Path, Method: m.ToLowerInvariant())))
            .ToArray();
        Assert.True(mapped.Length >= 18, string.Join(", ", mapped));

        var missing = mapped.Where(m => paths[m.Path]?[m.Method] is null).Select(m => $"{m.Method} {m.Path}");
        Assert.Empty(missing);
    }

    [Theory]
    [InlineData("/api/instances", "post", "202")]
    [InlineData("/api/instances/{id}", "delete", "202")]
    [InlineData("/api/instances/{id}/stop", "post", "202")]
    [InlineData("/api/instances/{id}", "get", "404")]
    [InlineData("/api/keys", "post", "201")]
    [InlineData("/api/keys/{id}", "delete", "204")]
    public async Task Operations_document_their_statuses(string path, string method, string status)
    {
        var operation = (await GetAsync())["paths"]![path]![method]!;
        Assert.NotNull(operation["responses"]![status]);
    }

    private async Task<JsonObject> GetAsync()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/openapi/v1.json", Ct);
        return await ExpectJsonAsync(response, HttpStatusCode.OK);
    }
}
