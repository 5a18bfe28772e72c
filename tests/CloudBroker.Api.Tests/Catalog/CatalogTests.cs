using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Catalog;

/// <summary>Realms, images and hardware profiles: provider filter, keyset pages, and the brief's profile shape.</summary>
public sealed class CatalogTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    public static TheoryData<string> Collections() => ["/api/realms", "/api/images", "/api/hardware-profiles"];

    [Fact]
    public async Task The_small_profile_has_the_brief_shape_exactly()
    {
        var expected = JsonNode.Parse("""
            {"id": "m1-small", "providerId": "mock", "name": "Small", "properties": {
              "cpu": {"kind": "fixed", "value": 1},
              "memoryMiB": {"kind": "range", "min": 512, "max": 8192, "step": 512, "default": 1024},
              "storageGiB": {"kind": "enum", "values": [10, 20, 40], "default": 10},
              "architecture": {"kind": "fixed", "value": "x86_64"}}}
            """);
        var profile = await FindAsync("/api/hardware-profiles?providerId=mock", "m1-small");
        Assert.True(JsonNode.DeepEquals(expected, profile), profile.ToJsonString());
    }

    [Fact]
    public async Task A_provider_without_profile_ranges_offers_fixed_profiles()
    {
        var profile = await FindAsync("/api/hardware-profiles?providerId=lite", "m1-medium");
        var expected = JsonNode.Parse("""
            {"cpu": {"kind": "fixed", "value": 2}, "memoryMiB": {"kind": "fixed", "value": 4096},
             "storageGiB": {"kind": "fixed", "value": 40}, "architecture": {"kind": "fixed", "value": "x86_64"}}
            """);
        Assert.True(JsonNode.DeepEquals(expected, profile["properties"]), profile.ToJsonString());
    }

    [Fact]
    public async Task Realms_and_images_have_their_shapes()
    {
        var realm = await FindAsync("/api/realms?providerId=mock", "us-1a");
        AssertMembers(realm, "id", "providerId", "name", "available");
        Assert.False((bool)realm["available"]!);
        Assert.True((bool)(await FindAsync("/api/realms?providerId=mock", "eu-1a"))["available"]!);

        var image = await FindAsync("/api/images?providerId=mock", "debian-12");
        AssertMembers(image, "id", "providerId", "name", "description", "architecture", "minStorageGiB");
        Assert.Equal("x86_64", (string?)image["architecture"]);
        Assert.Equal(0, (int?)image["minStorageGiB"]);
        Assert.Equal(20, (int?)(await FindAsync("/api/images?providerId=mock", "fedora-41"))["minStorageGiB"]);
    }

    [Theory]
    [MemberData(nameof(Collections))]
    public async Task The_provider_filter_keeps_that_provider_only(string collection)
    {
        var items = await AllAsync(collection + "?providerId=lite&limit=500");
        Assert.Equal(3, items.Count);
        Assert.All(items, i => Assert.Equal("lite", (string?)i["providerId"]));

        var all = await AllAsync(collection + "?limit=500");
        Assert.Equal(["flaky", "lite", "mock"], all.Select(i => (string)i["providerId"]!).Distinct());
    }

    [Theory]
    [MemberData(nameof(Collections))]
    public async Task An_unknown_provider_filter_is_refused_with_the_known_ids(string collection)
    {
        using var client = factory.CreateAdminClient();
        using var response = await client.GetAsync(collection + "?providerId=nope", Ct);
        var error = await ExpectParameterErrorAsync(response, "providerId");
        Assert.Equal(["broken", "flaky", "lite", "mock"], Strings(error["limit"]!["values"]));
    }

    [Theory]
    [MemberData(nameof(Collections))]
    public async Task Pages_of_one_walk_every_item_exactly_once(string collection)
    {
        var all = (await AllAsync(collection + "?limit=500")).Select(Key).ToArray();
        Assert.Equal(9, all.Length);

        using var client = factory.CreateAdminClient();
        var walked = new List<string>();
        var url = collection + "?limit=1";
        for (var pages = 0; pages <= all.Length; pages++)
        {
            using var response = await client.GetAsync(url, Ct);
            var page = await ExpectJsonAsync(response, HttpStatusCode.OK);
            walked.Add(Key(Assert.Single(page["items"]!.AsArray())!.AsObject()));
            if ((string?)page["next"] is not { } next)
            {
                break;
            }

            url = $"{collection}?limit=1&cursor={Uri.EscapeDataString(next)}";
        }

        Assert.Equal(all, walked);
    }

    [Fact]
    public async Task The_default_page_holds_everything_here()
    {
        using var client = factory.CreateAdminClient();
        using var response = await client.GetAsync("/api/images", Ct);
        var page = await ExpectJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(9, page["items"]!.AsArray().Count);
        Assert.Null(page["next"]);
    }

    private static string Key(JsonObject item) => $"{(string?)item["providerId"]}/{(string?)item["id"]}";

    private async Task<JsonObject> FindAsync(string url, string id) =>
        (await AllAsync(url)).Single(i => (string?)i["id"] == id);

    private async Task<List<JsonObject>> AllAsync(string url)
    {
        using var client = factory.CreateAdminClient();
        using var response = await client.GetAsync(url, Ct);
        var page = await ExpectJsonAsync(response, HttpStatusCode.OK);
        Assert.Null(page["next"]);
        return [.. page["items"]!.AsArray().Select(i => i!.AsObject())];
    }
}
