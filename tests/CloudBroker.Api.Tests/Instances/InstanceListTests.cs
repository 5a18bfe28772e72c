using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Instances;

/// <summary><c>GET /api/instances</c>: filters and keyset pages.</summary>
public sealed class InstanceListTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Keyset_pages_walk_every_instance_once_in_id_order()
    {
        using var client = factory.CreateAdminClient();
        var name = UniqueName("page");
        var created = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            created.Add((await client.CreateAsync(InstanceCalls.Request(name))).Id);
        }

        foreach (var size in new[] { 1, 3 })
        {
            var walked = new List<string>();
            var url = $"/api/instances?name={name}&limit={size}";
            for (var pages = 0; pages < 10; pages++)
            {
                using var response = await client.GetAsync(url, Ct);
                var page = await ExpectJsonAsync(response, HttpStatusCode.OK);
                var items = page["items"]!.AsArray();
                Assert.InRange(items.Count, 1, size);
                walked.AddRange(items.Select(i => (string)i!["id"]!));
                if ((string?)page["next"] is not { } next)
                {
                    break;
                }

                url = $"/api/instances?name={name}&limit={size}&cursor={Uri.EscapeDataString(next)}";
            }

            Assert.Equal(created.Order(StringComparer.Ordinal), walked);
        }
    }

    [Fact]
    public async Task Filters_by_provider_state_and_name_combine()
    {
        using var client = factory.CreateAdminClient();
        var name = UniqueName("filter");
        var onMock = (string)(await client.CreateRunningAsync(InstanceCalls.Request(name)))["id"]!;
        var onLite = (await client.CreateAsync(InstanceCalls.Request(name, "lite"))).Id;

        Assert.Equal(new[] { onMock, onLite }.Order(StringComparer.Ordinal), await IdsAsync(client, $"name={name}"));
        Assert.Equal([onMock], await IdsAsync(client, $"name={name}&providerId=mock"));
        Assert.Equal([onLite], await IdsAsync(client, $"name={name}&providerId=lite"));
        Assert.Equal([onMock], await IdsAsync(client, $"name={name}&state=running&providerId=mock"));
        Assert.Empty(await IdsAsync(client, $"name={name}&state=stopped"));
        Assert.Empty(await IdsAsync(client, $"name={name}&providerId=nope"));
        Assert.Empty(await IdsAsync(client, $"name={UniqueName("nobody")}"));

        var all = await IdsAsync(client, "state=running");
        Assert.Contains(onMock, all);
    }

    [Fact]
    public async Task Listed_instances_have_the_same_shape_as_a_read()
    {
        using var client = factory.CreateAdminClient();
        var name = UniqueName("same");
        var (id, _) = await client.CreateAsync(InstanceCalls.Request(name));
        using var listResponse = await client.GetAsync($"/api/instances?name={name}", Ct);
        var listed = Assert.Single((await ExpectJsonAsync(listResponse, HttpStatusCode.OK))["items"]!.AsArray())!;
        using var readResponse = await client.GetAsync("/api/instances/" + id, Ct);
        var read = await ExpectJsonAsync(readResponse, HttpStatusCode.OK);
        Assert.Equal(read.Select(p => p.Key), listed.AsObject().Select(p => p.Key));
        Assert.Equal(id, (string?)listed["id"]);
    }

    [Fact]
    public async Task An_unknown_state_is_refused_with_the_nine_states()
    {
        using var client = factory.CreateAdminClient();
        using var response = await client.GetAsync("/api/instances?state=bogus", Ct);
        var error = await ExpectParameterErrorAsync(response, "state");
        Assert.Equal(
            ["pending", "running", "stopping", "stopped", "rebooting", "terminating", "terminated", "error", "vanished"],
            Strings(error["limit"]!["values"]));
    }

    private static async Task<string[]> IdsAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync("/api/instances?limit=500&" + query, Ct);
        var page = await ExpectJsonAsync(response, HttpStatusCode.OK);
        return [.. page["items"]!.AsArray().Select(i => (string)i!["id"]!)];
    }
}
