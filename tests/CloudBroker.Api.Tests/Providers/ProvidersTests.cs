using System.Net;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Providers;

/// <summary><c>/api/providers</c>: every configured provider, usable or not (see StoredProviderTests for those defined through the API).</summary>
public sealed class ProvidersTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task The_list_has_every_provider_in_id_order()
    {
        using var client = factory.CreateAdminClient();
        using var response = await client.GetAsync("/api/providers", Ct);
        var page = await ExpectJsonAsync(response, HttpStatusCode.OK);
        AssertMembers(page, "items", "next");
        Assert.Null(page["next"]);
        Assert.Equal(["broken", "flaky", "lite", "mock"], page["items"]!.AsArray().Select(p => (string)p!["id"]!));
    }

    [Fact]
    public async Task One_provider_has_the_list_shape()
    {
        using var client = factory.CreateAdminClient();
        using var response = await client.GetAsync("/api/providers/lite", Ct);
        var lite = await ExpectJsonAsync(response, HttpStatusCode.OK);
        AssertMembers(lite, "id", "driver", "origin", "enabled", "status", "statusCategory", "statusReason", "capabilities", "catalogRefreshedAt",
            "settings", "credentials", "version", "createdAt", "updatedAt");
        Assert.Equal("lite", (string?)lite["id"]);
        Assert.Equal("mock", (string?)lite["driver"]);
        Assert.Equal("configuration", (string?)lite["origin"]);
        Assert.Equal("available", (string?)lite["status"]);
        Assert.Null(lite["settings"]); // configuration may hold secrets outside Credentials: never echoed
        Assert.Null(lite["credentials"]);
    }

    [Fact]
    public async Task An_unavailable_provider_says_why()
    {
        using var client = factory.CreateAdminClient();
        using var response = await client.GetAsync("/api/providers/broken", Ct);
        var broken = await ExpectJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("unavailable", (string?)broken["status"]);
        Assert.Equal("misconfigured", (string?)broken["statusCategory"]);
        Assert.Contains("no driver named 'nope'", (string?)broken["statusReason"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_provider_is_not_found()
    {
        using var client = factory.CreateAdminClient();
        using var response = await client.GetAsync("/api/providers/nope", Ct);
        await ExpectProblemAsync(response, HttpStatusCode.NotFound, "not-found");
    }
}
