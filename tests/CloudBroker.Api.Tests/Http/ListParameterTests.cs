using System.Net;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Http;

/// <summary>The list contract on every collection: <c>limit</c> 1–500, an opaque cursor, unknown parameters refused.</summary>
public sealed class ListParameterTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    public static TheoryData<string> Lists() =>
        ["/api/providers", "/api/realms", "/api/images", "/api/hardware-profiles", "/api/instances", "/api/keys"];

    [Theory]
    [MemberData(nameof(Lists))]
    [InlineData("/api/instance-states")]
    [InlineData("/api/providers/mock")]
    public async Task An_unknown_query_parameter_is_refused(string path)
    {
        using var client = factory.CreateAdminClient();
        using var response = await client.GetAsync(path + "?provider=mock", Ct);
        var error = await ExpectParameterErrorAsync(response, "provider");
        Assert.NotNull(error["limit"]?["values"]);
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task Every_list_has_the_items_and_next_shape_and_accepts_the_limit_bounds(string path)
    {
        using var client = factory.CreateAdminClient();
        foreach (var limit in new[] { 1, 500 })
        {
            using var response = await client.GetAsync($"{path}?limit={limit}", Ct);
            var page = await ExpectJsonAsync(response, HttpStatusCode.OK);
            AssertMembers(page, "items", "next");
            Assert.True(page["items"]!.AsArray().Count <= limit);
        }
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task A_limit_outside_1_to_500_is_refused_with_the_range(string path)
    {
        using var client = factory.CreateAdminClient();
        foreach (var limit in new[] { 0, 501, -1 })
        {
            using var response = await client.GetAsync($"{path}?limit={limit}", Ct);
            var error = await ExpectParameterErrorAsync(response, "limit");
            Assert.Equal(1, (int?)error["limit"]!["min"]);
            Assert.Equal(500, (int?)error["limit"]!["max"]);
        }
    }

    [Theory]
    [InlineData("/api/images")]
    [InlineData("/api/instances")]
    [InlineData("/api/keys")]
    public async Task A_cursor_the_api_did_not_make_is_refused(string path)
    {
        using var client = factory.CreateAdminClient();
        using var response = await client.GetAsync(path + "?cursor=%21%21not-base64%21%21", Ct);
        await ExpectParameterErrorAsync(response, "cursor");
    }
}
