using System.Net;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Http;

/// <summary><c>GET /api</c>, <c>/healthz</c> and <c>/readyz</c>: public, and what a newcomer reads first.</summary>
public sealed class EntryPointTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly string[] AllCapabilities = ["capacity", "profileRanges", "realmChoice", "reboot", "sshKey", "startStop", "userData"];

    [Fact]
    public async Task Api_root_is_public_with_version_links_and_every_provider()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/api", Ct);
        var root = await ExpectJsonAsync(response, HttpStatusCode.OK);

        AssertMembers(root, "version", "links", "providers");
        Assert.Equal("1", (string?)root["version"]);
        var links = root["links"]!.AsObject();
        Assert.Equal("/api/instances", (string?)links["instances"]);
        Assert.Equal("/api/hardware-profiles", (string?)links["hardwareProfiles"]);
        Assert.Equal("/api/instance-states", (string?)links["instanceStates"]);
        Assert.Equal("/openapi/v1.json", (string?)links["openapi"]);
        Assert.Equal(["broken", "flaky", "lite", "mock"], root["providers"]!.AsArray().Select(p => (string)p!["id"]!));
    }

    [Fact]
    public async Task Every_link_of_the_entry_point_answers()
    {
        using var client = factory.CreateAdminClient();
        using var rootResponse = await client.GetAsync("/api", Ct);
        var links = (await ExpectJsonAsync(rootResponse, HttpStatusCode.OK))["links"]!.AsObject();
        Assert.True(links.Count >= 10, links.ToJsonString());
        foreach (var (name, value) in links)
        {
            var path = ((string)value!).Replace("{id}", "00000000-0000-0000-0000-000000000000", StringComparison.Ordinal);
            using var response = await client.GetAsync(path, Ct);
            var expected = name == "operations" ? HttpStatusCode.NotFound : HttpStatusCode.OK;
            Assert.True(response.StatusCode == expected, $"link {name} ({path}): {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Providers_in_the_entry_point_show_driver_status_and_capabilities()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/api", Ct);
        var providers = (await ExpectJsonAsync(response, HttpStatusCode.OK))["providers"]!.AsArray()
            .ToDictionary(p => (string)p!["id"]!, p => p!.AsObject());

        var mock = providers["mock"];
        AssertMembers(mock, "id", "driver", "status", "statusCategory", "capabilities", "catalogRefreshedAt");
        Assert.Equal("mock", (string?)mock["driver"]);
        Assert.Equal("available", (string?)mock["status"]);
        Assert.Null(mock["statusCategory"]);
        Assert.Equal(AllCapabilities, Strings(mock["capabilities"]));
        AssertTimestamp(mock["catalogRefreshedAt"]);

        Assert.Equal("available", (string?)providers["lite"]["status"]);
        Assert.Empty(Strings(providers["lite"]["capabilities"]));

        var broken = providers["broken"];
        Assert.Equal("nope", (string?)broken["driver"]);
        Assert.Equal("unavailable", (string?)broken["status"]);
        Assert.Equal("misconfigured", (string?)broken["statusCategory"]); // the reason ("no driver named 'nope'") is for admins: ProvidersTests
        Assert.DoesNotContain("'nope'", broken.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(Strings(broken["capabilities"]));
        Assert.Null(broken["catalogRefreshedAt"]);
    }

    [Fact]
    public async Task Healthz_answers_without_a_key()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/healthz", Ct);
        var health = await ExpectJsonAsync(response, HttpStatusCode.OK);
        AssertMembers(health, "status", "checks");
        Assert.Equal("ok", (string?)health["status"]);
    }

    [Fact]
    public async Task Readyz_reports_database_bus_and_each_provider_and_stays_ready_with_a_broken_provider()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/readyz", Ct);
        var ready = await ExpectJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("ok", (string?)ready["status"]);
        var checks = ready["checks"]!.AsObject();
        Assert.Equal("ok", (string?)checks["database"]);
        Assert.Equal("ok", (string?)checks["bus"]);
        Assert.Equal("ok", (string?)checks["provider:mock"]);
        Assert.Equal("unavailable: misconfigured", (string?)checks["provider:broken"]);
    }
}
