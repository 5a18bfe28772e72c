using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Http;

/// <summary>What the HTTP edge answers before a handler runs: unknown routes and methods, media types, body limits, bad JSON.</summary>
public sealed class HttpEdgeTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("/api/nope")]
    [InlineData("/api/instances/x/y/z")]
    [InlineData("/api/instances/00000000-0000-0000-0000-000000000000/explode")]
    public async Task An_unknown_route_is_a_not_found_problem(string path)
    {
        using var client = factory.CreateAdminClient();
        using var response = await client.GetAsync(path, Ct);
        await ExpectProblemAsync(response, HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [InlineData("PUT", "/api/instances", "GET, POST")]
    [InlineData("PUT", "/api/instances/00000000-0000-0000-0000-000000000000", "DELETE, GET, PATCH")]
    [InlineData("DELETE", "/api/keys", "GET, POST")]
    [InlineData("GET", "/api/instances/00000000-0000-0000-0000-000000000000/stop", "POST")]
    public async Task A_method_the_route_does_not_take_is_405_with_allow(string method, string path, string allow)
    {
        using var client = factory.CreateAdminClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = Body(new JsonObject()) };
        using var response = await client.SendAsync(request, Ct);
        await ExpectProblemAsync(response, HttpStatusCode.MethodNotAllowed, "method-not-allowed");
        Assert.Equal(allow.Split(", "), response.Content.Headers.Allow.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("/api/instances", "text/plain")]
    [InlineData("/api/instances", "application/xml")]
    [InlineData("/api/keys", "text/plain")]
    public async Task A_body_that_is_not_json_is_415(string path, string mediaType)
    {
        using var client = factory.CreateAdminClient();
        using var content = new StringContent(InstanceCalls.Request("x").ToJsonString(), Encoding.UTF8, mediaType);
        using var response = await client.PostAsync(path, content, Ct);
        await ExpectProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task A_body_over_64_KiB_with_its_length_declared_is_413_with_the_limit()
    {
        using var client = factory.CreateAdminClient();
        using var response = await client.PostAsync(OversizedRequest());
        var problem = await ExpectProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        Assert.Equal(65536, (int?)problem["limit"]);
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(4096)]
    public async Task A_streamed_body_over_64_KiB_is_413_with_the_limit(int writeSize)
    {
        using var client = factory.CreateAdminClient();
        using var content = new UnsizedContent(OversizedRequest().ToJsonString(), writeSize);
        using var response = await client.PostAsync("/api/instances", content, Ct);
        var problem = await ExpectProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        Assert.Equal(65536, (int?)problem["limit"]);
    }

    [Theory]
    [InlineData("{\"name\": ")]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("{\"name\": \"a\",}")]
    public async Task Malformed_json_is_a_validation_problem(string json)
    {
        using var client = factory.CreateAdminClient();
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/api/instances", content, Ct);
        var problem = await ExpectProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        Assert.NotEmpty(problem["errors"]!.AsArray());
        Assert.DoesNotContain("the body the body", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_body_is_a_validation_problem()
    {
        using var client = factory.CreateAdminClient();
        using var content = new StringContent("", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/api/instances", content, Ct);
        await ExpectProblemAsync(response, HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task Problems_carry_no_trace_id_or_exception_details()
    {
        using var client = factory.CreateAdminClient();
        using var content = new StringContent("{", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/api/instances", content, Ct);
        var problem = await ExpectProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        Assert.Null(problem["traceId"]);
        Assert.DoesNotContain("System.", problem.ToJsonString(), StringComparison.Ordinal);
    }

    private static JsonObject OversizedRequest()
    {
        var body = InstanceCalls.Request(UniqueName("big"));
        body["userData"] = new string('x', 70 * 1024);
        return body;
    }
}
