using System.Net;
using System.Net.Http.Headers;
using CloudBroker.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Identity;

/// <summary>
/// Every <c>/api</c> route but <c>GET /api</c> needs a key. The routes come from the app's own endpoint list,
/// so an endpoint added later without authorization fails here.
/// </summary>
public sealed class AuthenticationTests(AuthenticationFactory factory) : IClassFixture<AuthenticationFactory>
{
    [Fact]
    public async Task Every_api_route_refuses_a_request_without_a_key()
    {
        using var client = factory.CreateClient();
        foreach (var (method, path) in ProtectedRoutes())
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            using var response = await client.SendAsync(request, Ct);
            await ExpectUnauthenticatedAsync(response, $"{method} {path}");
        }
    }

    [Theory]
    [InlineData("Bearer", "wrong-key-0123456789")]
    [InlineData("Bearer", ApiFactory.AdminKey + "x")]
    [InlineData("Basic", "YWRtaW46YWRtaW4=")]
    [InlineData("Bearer", "")]
    [InlineData("", ApiFactory.AdminKey)]
    public async Task Every_api_route_refuses_a_wrong_or_malformed_key(string scheme, string value)
    {
        using var client = factory.CreateClient();
        var header = (scheme + " " + value).Trim();
        foreach (var (method, path) in ProtectedRoutes())
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            Assert.True(request.Headers.TryAddWithoutValidation("Authorization", header));
            using var response = await client.SendAsync(request, Ct);
            await ExpectUnauthenticatedAsync(response, $"{method} {path} with '{header}'");
        }
    }

    [Fact]
    public async Task The_admin_key_is_accepted()
    {
        using var client = factory.CreateAdminClient();
        using var response = await client.GetAsync("/api/instances", Ct);
        await ExpectJsonAsync(response, HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_scheme_name_is_case_insensitive()
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("bearer", ApiFactory.AdminKey);
        using var response = await client.GetAsync("/api/providers", Ct);
        await ExpectJsonAsync(response, HttpStatusCode.OK);
    }

    [Fact]
    public void Only_the_entry_point_is_anonymous_under_api()
    {
        var anonymous = ApiEndpoints()
            .Where(e => e.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => $"{e.Method} {e.Pattern}");
        Assert.Equal(["GET /api"], anonymous);
    }

    /// <summary>Each <c>/api</c> endpoint the app maps, as a request line with placeholders filled in.</summary>
    private (string Method, string Path)[] ProtectedRoutes()
    {
        var routes = ApiEndpoints()
            .Where(e => !(e.Method == "GET" && e.Pattern == "/api"))
            .Select(e => (e.Method, Path: Fill(e.Pattern)))
            .ToArray();

        // Guard against a vacuous pass: the instances, keys, catalog and operation routes must be among them.
        Assert.True(routes.Length >= 18, string.Join(", ", routes.Select(r => $"{r.Method} {r.Path}")));
        Assert.Contains(("POST", "/api/instances/"), routes);
        Assert.Contains(("DELETE", "/api/keys/x-1"), routes);
        return routes;
    }

    private IEnumerable<(string Method, string Pattern, RouteEndpoint Endpoint)> ApiEndpoints()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        foreach (var endpoint in endpoints)
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (pattern != "/api" && !pattern.StartsWith("/api/", StringComparison.Ordinal))
            {
                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods)
            {
                yield return (method, pattern, endpoint);
            }
        }
    }

    /// <summary>Route values: <c>{id}</c> → <c>x-1</c>, a catch-all → <c>anything</c>.</summary>
    private static string Fill(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{\*[^}]+\}", "anything")
            .Replace("{id}", "x-1", StringComparison.Ordinal);

    private static async Task ExpectUnauthenticatedAsync(HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{what}: {(int)response.StatusCode} {text}");
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Equal(ProblemMediaType, response.Content.Headers.ContentType?.MediaType);
        var problem = System.Text.Json.Nodes.JsonNode.Parse(text)!;
        Assert.Equal("/problems/unauthenticated", (string?)problem["type"]);
        Assert.Equal(401, (int?)problem["status"]);
    }
}
