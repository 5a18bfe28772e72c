using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Instances;

/// <summary><c>GET /api/instances/{id}/events</c>: every transition of the instance and its operations, with time and cause.</summary>
public sealed class InstanceHistoryTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_create_and_a_stop_leave_every_instance_and_operation_transition_in_order()
    {
        using var client = factory.CreateAdminClient();
        var (id, create) = await client.CreateAsync(InstanceCalls.Request(UniqueName("hist")));
        await client.WaitForStateAsync(id, "running");
        var stop = await client.ActAsync(id, "stop");
        await client.WaitForStateAsync(id, "stopped");
        await client.WaitForOperationAsync((string)stop["id"]!, "succeeded");

        var events = await ReadAllAsync(client, id);
        var instance = events.Where(e => (string?)e["subject"] == "instance").Select(e => $"{(string?)e["from"]}>{(string?)e["to"]}").ToArray();
        Assert.Equal([">pending", "pending>running", "running>stopping", "stopping>stopped"], instance);

        var createEvents = events.Where(e => (string?)e["operationId"] == (string)create["id"]! && (string?)e["subject"] == "operation")
            .Select(e => $"{(string?)e["from"]}>{(string?)e["to"]}").ToArray();
        Assert.Equal([">pending", "pending>running", "running>succeeded"], createEvents);

        Assert.Contains(events, e => (string?)e["subject"] == "instance" && (string?)e["to"] == "stopping" && (string?)e["cause"] == "action:stop"
            && (string?)e["operationId"] == (string)stop["id"]!);
        Assert.Contains(events, e => (string?)e["to"] == "running" && (string?)e["cause"] == "booted");
        var times = events.Select(e => AssertTimestamp(e["at"])).ToArray();
        Assert.Equal(times.Order(), times);
        Assert.All(events, e => AssertMembers(e, "id", "at", "subject", "operationId", "from", "to", "cause"));
    }

    [Fact]
    public async Task A_failed_create_records_the_reason_in_the_history()
    {
        using var client = factory.CreateAdminClient();
        var (id, create) = await client.CreateAsync(InstanceCalls.Request(UniqueName("hist-fail"), "flaky"));
        await client.WaitForOperationAsync((string)create["id"]!, "failed");

        var events = await ReadAllAsync(client, id);
        var failed = Assert.Single(events, e => (string?)e["subject"] == "operation" && (string?)e["to"] == "failed");
        Assert.Contains("Unavailable", (string?)failed["cause"], StringComparison.Ordinal);
        Assert.Contains(events, e => (string?)e["subject"] == "instance" && (string?)e["to"] == "error");
    }

    [Fact]
    public async Task Events_page_with_a_cursor_and_refuse_unknown_instances()
    {
        using var client = factory.CreateAdminClient();
        var (id, _) = await client.CreateAsync(InstanceCalls.Request(UniqueName("hist-page")));
        await client.WaitForStateAsync(id, "running");

        var all = await ReadAllAsync(client, id);
        var paged = new List<JsonObject>();
        string? cursor = null;
        do
        {
            using var response = await client.GetAsync($"/api/instances/{id}/events?limit=1" + (cursor is null ? "" : "&cursor=" + cursor), Ct);
            var page = await ExpectJsonAsync(response, HttpStatusCode.OK);
            paged.AddRange(page["items"]!.AsArray().Select(n => n!.AsObject()));
            cursor = (string?)page["next"];
        }
        while (cursor is not null);
        Assert.Equal(all.Select(e => (string?)e["id"]), paged.Select(e => (string?)e["id"]));

        using var missing = await client.GetAsync($"/api/instances/{Guid.NewGuid()}/events", Ct);
        await ExpectProblemAsync(missing, HttpStatusCode.NotFound, "not-found");
        using var badCursor = await client.GetAsync($"/api/instances/{id}/events?cursor=eHl6", Ct);
        await ExpectParameterErrorAsync(badCursor, "cursor");
    }

    private static async Task<List<JsonObject>> ReadAllAsync(HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/api/instances/{id}/events?limit=500", Ct);
        var page = await ExpectJsonAsync(response, HttpStatusCode.OK);
        Assert.Null(page["next"]);
        return [.. page["items"]!.AsArray().Select(n => n!.AsObject())];
    }
}
