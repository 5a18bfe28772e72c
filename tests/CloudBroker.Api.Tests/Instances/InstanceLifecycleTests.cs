using System.Net;
using System.Net.Http.Headers;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Instances;

/// <summary>Create, read, stop, start, reboot and destroy an instance through the API, and the operations they leave.</summary>
public sealed class InstanceLifecycleTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly string[] InstanceMembers =
    [
        "id", "name", "providerId", "realmId", "imageId", "hardwareProfileId", "cpu", "memoryMiB", "storageGiB", "state", "actions",
        "addresses", "keyId", "tenantId", "ownerId", "groupId", "createdAt", "updatedAt", "vanishedAt", "tags",
    ];

    private static readonly string[] OperationMembers =
        ["id", "kind", "status", "targetId", "steps", "error", "attempts", "deadline", "createdAt", "updatedAt"];

    [Fact]
    public async Task Create_answers_202_with_both_locations_and_the_pending_operation()
    {
        using var client = factory.CreateAdminClient();
        using var response = await client.PostAsync(InstanceCalls.Request(UniqueName("create")));
        var operation = await ExpectJsonAsync(response, HttpStatusCode.Accepted);

        var location = response.Headers.Location?.OriginalString;
        Assert.Matches("^/api/instances/[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$", location);
        var operationLocation = Assert.Single(response.Headers.GetValues("Operation-Location"));
        Assert.Equal("/api/operations/" + (string?)operation["id"], operationLocation);

        AssertMembers(operation, OperationMembers);
        Assert.Equal("create", (string?)operation["kind"]);
        Assert.Equal("pending", (string?)operation["status"]);
        Assert.Equal(location, "/api/instances/" + (string?)operation["targetId"]);
        Assert.Null(operation["error"]);
        var step = Assert.Single(operation["steps"]!.AsArray())!.AsObject();
        Assert.Equal("accepted", (string?)step["name"]);
        Assert.Equal("succeeded", (string?)step["status"]);
        AssertTimestamp(step["at"]);
        var created = AssertTimestamp(operation["createdAt"]);
        AssertTimestamp(operation["updatedAt"]);
        Assert.True(AssertTimestamp(operation["deadline"]) > created);

        using var followed = await client.GetAsync(operationLocation, Ct);
        var read = await ExpectJsonAsync(followed, HttpStatusCode.OK);
        Assert.Equal((string?)operation["id"], (string?)read["id"]);
        Assert.NotNull(followed.Headers.ETag);
    }

    [Fact]
    public async Task A_created_instance_runs_with_the_wire_shape_and_profile_defaults()
    {
        using var client = factory.CreateAdminClient();
        var name = UniqueName("shape");
        var (id, operation) = await client.CreateAsync(InstanceCalls.Request(name));
        var instance = await client.WaitForStateAsync(id, "running");

        AssertMembers(instance, InstanceMembers);
        Assert.Equal(id, (string?)instance["id"]);
        Assert.Equal(name, (string?)instance["name"]);
        Assert.Equal("mock", (string?)instance["providerId"]);
        Assert.Equal("eu-1a", (string?)instance["realmId"]);
        Assert.Equal("debian-12", (string?)instance["imageId"]);
        Assert.Equal("m1-small", (string?)instance["hardwareProfileId"]);
        Assert.Equal((1, 1024, 10), ((int)instance["cpu"]!, (int)instance["memoryMiB"]!, (int)instance["storageGiB"]!));
        Assert.Equal(["stop", "reboot", "destroy"], Strings(instance["actions"]));
        Assert.Matches(@"^10\.\d{1,3}\.\d{1,3}\.\d{1,3}$", Assert.Single(Strings(instance["addresses"])));
        Assert.Null(instance["keyId"]);
        Assert.Equal("system", (string?)instance["tenantId"]);
        Assert.Equal("admin", (string?)instance["ownerId"]);
        Assert.Equal("system", (string?)instance["groupId"]);
        Assert.True(AssertTimestamp(instance["updatedAt"]) >= AssertTimestamp(instance["createdAt"]));
        Assert.DoesNotContain(instance, p => p.Key.Contains("cost", StringComparison.OrdinalIgnoreCase) || p.Key == "currency");

        var done = await client.WaitForOperationAsync((string)operation["id"]!, "succeeded");
        Assert.Equal(["accepted", "provider-call", "completed"], done["steps"]!.AsArray().Select(s => (string)s!["name"]!).Distinct());
        Assert.Null(done["error"]);
        Assert.Equal(1, (int?)done["attempts"]);
    }

    [Fact]
    public async Task Sizes_within_the_profile_are_taken_and_defaults_fill_the_rest()
    {
        using var client = factory.CreateAdminClient();
        var chosen = InstanceCalls.Request(UniqueName("sized"));
        chosen["hardwareProfileId"] = "m1-medium";
        chosen["cpu"] = 4;
        chosen["memoryMiB"] = 2048;
        chosen["storageGiB"] = 200;
        var (chosenId, _) = await client.CreateAsync(chosen);
        var defaults = InstanceCalls.Request(UniqueName("defaults"));
        defaults["hardwareProfileId"] = "m1-medium";
        var (defaultsId, _) = await client.CreateAsync(defaults);

        Assert.Equal((4, 2048, 200), await SizeAsync(client, chosenId));
        Assert.Equal((2, 4096, 40), await SizeAsync(client, defaultsId));
    }

    [Fact]
    public async Task Reads_carry_an_etag_that_answers_304_until_the_instance_changes()
    {
        using var client = factory.CreateAdminClient();
        var id = (string)(await client.CreateRunningAsync(InstanceCalls.Request(UniqueName("etag"))))["id"]!;
        using var first = await client.GetAsync("/api/instances/" + id, Ct);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);

        using var same = new HttpRequestMessage(HttpMethod.Get, "/api/instances/" + id);
        same.Headers.IfNoneMatch.Add(etag);
        using var notModified = await client.SendAsync(same, Ct);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(etag, notModified.Headers.ETag);

        await client.ActAsync(id, "stop");
        using var stale = new HttpRequestMessage(HttpMethod.Get, "/api/instances/" + id);
        stale.Headers.IfNoneMatch.Add(etag);
        using var changed = await client.SendAsync(stale, Ct);
        await ExpectJsonAsync(changed, HttpStatusCode.OK);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    [Fact]
    public async Task Stop_start_reboot_and_destroy_each_finish_with_a_succeeded_operation()
    {
        using var client = factory.CreateAdminClient();
        var id = (string)(await client.CreateRunningAsync(InstanceCalls.Request(UniqueName("cycle"))))["id"]!;

        var stop = await client.ActAsync(id, "stop");
        var stopped = await client.WaitForStateAsync(id, "stopped");
        Assert.Equal(["start", "destroy"], Strings(stopped["actions"]));
        await ExpectSucceededAsync(client, stop);

        var start = await client.ActAsync(id, "start");
        var running = await client.WaitForStateAsync(id, "running");
        Assert.Equal(["stop", "reboot", "destroy"], Strings(running["actions"]));
        await ExpectSucceededAsync(client, start);

        var reboot = await client.ActAsync(id, "reboot");
        await client.WaitForStateAsync(id, "running");
        await ExpectSucceededAsync(client, reboot);

        var destroy = await client.ActAsync(id, "destroy");
        var terminated = await client.WaitForStateAsync(id, "terminated");
        Assert.Empty(Strings(terminated["actions"]));
        await ExpectSucceededAsync(client, destroy);
    }

    [Fact]
    public async Task An_action_the_state_does_not_allow_is_a_conflict_listing_the_allowed_actions()
    {
        using var client = factory.CreateAdminClient();
        var (pendingId, _) = await client.CreateAsync(InstanceCalls.Request(UniqueName("early")));
        using (var tooEarly = await client.DeleteAsync("/api/instances/" + pendingId, Ct))
        {
            var problem = await ExpectProblemAsync(tooEarly, HttpStatusCode.Conflict, "action-not-allowed");
            Assert.Empty(Strings(problem["allowedActions"]));
        }

        var id = (string)(await client.CreateRunningAsync(InstanceCalls.Request(UniqueName("conflict"))))["id"]!;
        using var response = await client.PostAsync($"/api/instances/{id}/start", null, Ct);
        var running = await ExpectProblemAsync(response, HttpStatusCode.Conflict, "action-not-allowed");
        Assert.Equal(["stop", "reboot", "destroy"], Strings(running["allowedActions"]));
        using var after = await client.GetAsync("/api/instances/" + id, Ct);
        Assert.Equal("running", (string?)(await ExpectJsonAsync(after, HttpStatusCode.OK))["state"]);
    }

    [Theory]
    [InlineData("GET", "/api/instances/0193c5a0-0000-7000-8000-000000000000")]
    [InlineData("DELETE", "/api/instances/0193c5a0-0000-7000-8000-000000000000")]
    [InlineData("POST", "/api/instances/0193c5a0-0000-7000-8000-000000000000/stop")]
    [InlineData("POST", "/api/instances/0193c5a0-0000-7000-8000-000000000000/start")]
    [InlineData("POST", "/api/instances/0193c5a0-0000-7000-8000-000000000000/reboot")]
    [InlineData("GET", "/api/instances/not-a-uuid")]
    [InlineData("GET", "/api/operations/0193c5a0-0000-7000-8000-000000000000")]
    public async Task An_unknown_instance_or_operation_is_not_found(string method, string path)
    {
        using var client = factory.CreateAdminClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        using var response = await client.SendAsync(request, Ct);
        await ExpectProblemAsync(response, HttpStatusCode.NotFound, "not-found");
    }

    private static async Task ExpectSucceededAsync(HttpClient client, System.Text.Json.Nodes.JsonObject accepted)
    {
        var done = await client.WaitForOperationAsync((string)accepted["id"]!, "succeeded");
        AssertMembers(done, OperationMembers);
        Assert.Null(done["error"]);
        var steps = done["steps"]!.AsArray().Select(s => s!.AsObject()).ToArray();
        Assert.Equal("accepted", (string?)steps[0]["name"]);
        Assert.Contains(steps, s => (string?)s["name"] == "provider-call" && (string?)s["status"] == "succeeded");
        Assert.Equal(("completed", "succeeded"), ((string?)steps[^1]["name"], (string?)steps[^1]["status"]));
        Assert.All(steps, s => AssertTimestamp(s["at"]));
    }

    private static async Task<(int, int, int)> SizeAsync(HttpClient client, string id)
    {
        using var response = await client.GetAsync("/api/instances/" + id, Ct);
        var instance = await ExpectJsonAsync(response, HttpStatusCode.OK);
        return ((int)instance["cpu"]!, (int)instance["memoryMiB"]!, (int)instance["storageGiB"]!);
    }
}
