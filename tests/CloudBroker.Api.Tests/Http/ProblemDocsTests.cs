using System.Net;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Problems;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Http;

/// <summary><c>/problems</c> documents every problem type the API can answer with, without a key.</summary>
public sealed class ProblemDocsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    public static TheoryData<string> Slugs() => [.. ProblemTypes.All.Select(p => p.Slug)];

    [Fact]
    public async Task The_list_has_every_problem_type()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/problems", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var listed = System.Text.Json.Nodes.JsonNode.Parse(text)!.AsArray();
        Assert.Equal(ProblemTypes.All.Select(p => p.Uri), listed.Select(p => (string)p!["type"]!));
        foreach (var item in listed)
        {
            AssertMembers(item!.AsObject(), "type", "title", "status", "description");
        }
    }

    [Theory]
    [MemberData(nameof(Slugs))]
    public async Task Each_type_has_its_public_page(string slug)
    {
        var type = ProblemTypes.Find(slug)!;
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/problems/" + slug, Ct);
        var page = await ExpectJsonAsync(response, HttpStatusCode.OK);
        AssertMembers(page, "type", "title", "status", "description");
        Assert.Equal("/problems/" + slug, (string?)page["type"]);
        Assert.Equal(type.Title, (string?)page["title"]);
        Assert.Equal(type.Status, (int?)page["status"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)page["description"]));
    }

    [Fact]
    public void The_brief_types_are_all_documented()
    {
        string[] brief =
        [
            "validation", "unauthenticated", "forbidden", "not-found", "conflict", "action-not-allowed", "unsupported-capability",
            "quota-exceeded", "idempotency-mismatch", "idempotency-in-flight", "precondition-failed", "precondition-required",
            "payload-too-large", "rate-limited", "provider-unavailable", "provider-error", "internal",
        ];
        Assert.Empty(brief.Except(ProblemTypes.All.Select(p => p.Slug)));
    }

    [Fact]
    public async Task An_unknown_slug_is_a_not_found_problem()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/problems/no-such-problem", Ct);
        await ExpectProblemAsync(response, HttpStatusCode.NotFound, "not-found");
    }
}
