using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Provisioning.Providers;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.StoredProviders;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Providers;

/// <summary>Providers defined through the API: create, read, replace, delete, and what each refuses.</summary>
public sealed class StoredProviderTests(StoredProvidersFactory factory) : IClassFixture<StoredProvidersFactory>
{
    [Fact]
    public async Task A_created_provider_is_listed_with_its_settings_and_which_credentials_are_set_but_not_their_values()
    {
        using var admin = factory.CreateAdminClient();
        var id = NewId("acct");
        var (created, etag) = await admin.CreateProviderAsync(MockBody(id));
        Assert.Equal("\"1\"", etag);
        AssertMembers(created, "id", "driver", "origin", "enabled", "status", "statusCategory", "statusReason", "capabilities", "catalogRefreshedAt",
            "settings", "credentials", "version", "createdAt", "updatedAt");
        Assert.Equal("api", (string?)created["origin"]);
        Assert.Equal("available", (string?)created["status"]);
        Assert.True((bool)created["enabled"]!);
        Assert.Equal(1, (int?)created["version"]);
        Assert.Equal("00:00:00.3", (string?)created["settings"]!["BootDelay"]);
        var credentials = created["credentials"]!.AsObject();
        AssertMembers(credentials, "set", "fields", "keyId", "updatedAt");
        Assert.True((bool)credentials["set"]!);
        Assert.Equal(["password", "username"], Strings(credentials["fields"]));
        Assert.Matches("^[0-9a-f]{16}$", (string?)credentials["keyId"]);
        AssertTimestamp(credentials["updatedAt"]);
        Assert.DoesNotContain("mockpassword", created.ToJsonString(), StringComparison.Ordinal);

        var read = await admin.GetProviderAsync(id);
        Assert.Equal(created.ToJsonString(), read.ToJsonString());
        using var list = await admin.GetAsync("/api/providers?limit=500", Ct);
        var items = (await ExpectJsonAsync(list, HttpStatusCode.OK))["items"]!.AsArray();
        Assert.Equal("api", (string?)items.Single(p => (string?)p!["id"] == id)!["origin"]);
        Assert.Equal("configuration", (string?)items.Single(p => (string?)p!["id"] == "mock")!["origin"]);
    }

    [Fact]
    public async Task A_created_provider_runs_machines()
    {
        using var admin = factory.CreateAdminClient();
        var id = NewId("run");
        await admin.CreateProviderAsync(MockBody(id));
        var instance = await admin.CreateRunningAsync(InstanceCalls.Request(UniqueName("vm"), id));
        Assert.Equal(id, (string?)instance["providerId"]);
    }

    [Fact]
    public async Task A_create_and_a_delete_with_an_Idempotency_Key_open_and_forget_the_provider_and_replay_their_answer()
    {
        // A keyed request runs in one transaction with its recorded answer: the provider is opened from the row it has
        // written but not yet committed (a CLI sends a key on every POST; this answered 500 before).
        using var admin = factory.CreateAdminClient();
        var id = NewId("keyed");
        var key = Guid.NewGuid().ToString("N");
        using (var first = await SendKeyedAsync(admin, HttpMethod.Post, "/api/providers", MockBody(id), key))
        {
            var created = await ExpectJsonAsync(first, HttpStatusCode.Created);
            Assert.Equal("available", (string?)created["status"]);
            using var replay = await SendKeyedAsync(admin, HttpMethod.Post, "/api/providers", MockBody(id), key);
            Assert.Equal(created.ToJsonString(), (await ExpectJsonAsync(replay, HttpStatusCode.Created)).ToJsonString());
        }

        var instance = await admin.CreateRunningAsync(InstanceCalls.Request(UniqueName("vm"), id));
        var destroy = await admin.ActAsync((string)instance["id"]!, "destroy");
        await admin.WaitForOperationAsync((string)destroy["id"]!, "succeeded");

        var deleteKey = Guid.NewGuid().ToString("N");
        using (var delete = await SendKeyedAsync(admin, HttpMethod.Delete, "/api/providers/" + id, null, deleteKey))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        Assert.Null(factory.Services.GetRequiredService<ProviderRegistry>().Find(id));
        using var gone = await admin.GetAsync("/api/providers/" + id, Ct);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    private static async Task<HttpResponseMessage> SendKeyedAsync(HttpClient client, HttpMethod method, string path, JsonObject? body, string key)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : Body(body) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return await client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task A_put_without_credentials_keeps_them_and_an_empty_object_clears_them()
    {
        using var admin = factory.CreateAdminClient();
        var id = NewId("keep");
        var (_, etag) = await admin.CreateProviderAsync(MockBody(id));
        var replaced = new JsonObject { ["driver"] = "mock", ["settings"] = new JsonObject { ["BootDelay"] = "00:00:00.2" } };

        using (var put = await admin.PutProviderAsync(id, replaced, etag))
        {
            var body = await ExpectJsonAsync(put, HttpStatusCode.OK);
            Assert.Equal("\"2\"", put.Headers.ETag!.ToString());
            Assert.Equal("00:00:00.2", (string?)body["settings"]!["BootDelay"]);
            Assert.Null(body["settings"]!["DestroyDelay"]); // settings are replaced, not merged
            Assert.True((bool)body["credentials"]!["set"]!);
            etag = put.Headers.ETag!.ToString();
        }

        // What the driver was given: the kept credentials, under Credentials: as configuration would have them.
        var settings = factory.Services.GetRequiredService<ProviderRegistry>().Find(id)!.Settings!;
        Assert.Equal("mockpassword", settings["Credentials:password"]);
        Assert.Equal("00:00:00.2", settings["BootDelay"]);
        using (var test = await admin.PostAsync($"/api/providers/{id}/test", null, Ct))
        {
            Assert.True((bool)(await ExpectJsonAsync(test, HttpStatusCode.OK))["ok"]!);
        }

        replaced["credentials"] = new JsonObject();
        using var cleared = await admin.PutProviderAsync(id, replaced, etag);
        var clearedBody = await ExpectJsonAsync(cleared, HttpStatusCode.OK);
        Assert.False((bool)clearedBody["credentials"]!["set"]!);
        Assert.Empty(Strings(clearedBody["credentials"]!["fields"]));
        Assert.Null(factory.Services.GetRequiredService<ProviderRegistry>().Find(id)!.Settings!["Credentials:password"]);
    }

    [Fact]
    public async Task A_put_needs_the_current_etag()
    {
        using var admin = factory.CreateAdminClient();
        var id = NewId("etag");
        await admin.CreateProviderAsync(MockBody(id));
        var body = new JsonObject { ["driver"] = "mock" };
        using (var without = await admin.PutProviderAsync(id, body, null))
        {
            await ExpectProblemAsync(without, HttpStatusCode.PreconditionRequired, "precondition-required");
        }

        using var stale = await admin.PutProviderAsync(id, body, "\"7\"");
        await ExpectProblemAsync(stale, HttpStatusCode.PreconditionFailed, "precondition-failed");
    }

    [Fact]
    public async Task A_configured_provider_is_read_only_and_its_id_taken()
    {
        using var admin = factory.CreateAdminClient();
        using (var put = await admin.PutProviderAsync("mock", new JsonObject { ["driver"] = "mock" }, "\"1\""))
        {
            Assert.Equal("mock", (string?)(await ExpectProblemAsync(put, HttpStatusCode.Conflict, "provider-read-only"))["providerId"]);
        }

        using (var delete = await admin.DeleteAsync("/api/providers/mock", Ct))
        {
            await ExpectProblemAsync(delete, HttpStatusCode.Conflict, "provider-read-only");
        }

        using var post = await admin.PostAsync("/api/providers", Body(MockBody("mock")), Ct);
        await ExpectProblemAsync(post, HttpStatusCode.Conflict, "conflict");
    }

    [Fact]
    public async Task A_provider_with_machines_cannot_be_deleted_until_they_are_destroyed()
    {
        using var admin = factory.CreateAdminClient();
        var id = NewId("busy");
        await admin.CreateProviderAsync(MockBody(id));
        var instance = await admin.CreateRunningAsync(InstanceCalls.Request(UniqueName("vm"), id));

        using (var refused = await admin.DeleteAsync("/api/providers/" + id, Ct))
        {
            var problem = await ExpectProblemAsync(refused, HttpStatusCode.Conflict, "conflict");
            Assert.Equal(1, (int?)problem["instances"]);
            Assert.Contains("1 instance", (string?)problem["detail"], StringComparison.Ordinal);
        }

        await admin.ActAsync((string)instance["id"]!, "destroy");
        await admin.WaitForStateAsync((string)instance["id"]!, "terminated");
        using (var deleted = await admin.DeleteAsync("/api/providers/" + id, Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using var gone = await admin.GetAsync("/api/providers/" + id, Ct);
        await ExpectProblemAsync(gone, HttpStatusCode.NotFound, "not-found");
        Assert.Null(factory.Services.GetRequiredService<ProviderRegistry>().Find(id));
    }

    [Theory]
    [InlineData("""{"id":"Not_A_Label","driver":"mock"}""", "/id")]
    [InlineData("""{"id":"ok-id","driver":"nope"}""", "/driver")]
    [InlineData("""{"id":"ok-id","driver":"mock","settings":{"BootDelay":5}}""", "/settings/BootDelay")]
    [InlineData("""{"id":"ok-id","driver":"mock","settings":{"Credentials:Password":"x"}}""", "/settings/Credentials:Password")]
    [InlineData("""{"id":"ok-id","driver":"mock","credentials":"secret"}""", "/credentials")]
    [InlineData("""{"id":"ok-id","driver":"mock","credentials":{"bad name":"x"}}""", "/credentials/bad name")]
    public async Task A_malformed_provider_is_refused_with_the_field_at_fault(string json, string pointer)
    {
        using var admin = factory.CreateAdminClient();
        using var response = await admin.PostAsync("/api/providers", Body(JsonNode.Parse(json)!), Ct);
        var error = await ExpectFieldErrorAsync(response, pointer);
        if (pointer == "/driver")
        {
            Assert.Contains("mock", error["limit"]!["values"]!.AsArray().Select(v => (string?)v));
        }
    }

    [Fact]
    public async Task Settings_the_driver_refuses_are_a_bad_request_naming_the_setting_and_nothing_is_stored()
    {
        using var admin = factory.CreateAdminClient();
        var id = NewId("bad");
        var body = MockBody(id);
        body["settings"]!["BootDelay"] = "-00:00:01";
        using var response = await admin.PostAsync("/api/providers", Body(body), Ct);
        var error = await ExpectFieldErrorAsync(response, "/settings");
        Assert.Contains("BootDelay", (string?)error["detail"], StringComparison.Ordinal);
        using var gone = await admin.GetAsync("/api/providers/" + id, Ct);
        await ExpectProblemAsync(gone, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task The_test_reports_latency_and_realms_or_names_the_refusal()
    {
        using var admin = factory.CreateAdminClient();
        var good = NewId("good");
        await admin.CreateProviderAsync(MockBody(good));
        using (var ok = await admin.PostAsync($"/api/providers/{good}/test", null, Ct))
        {
            var result = await ExpectJsonAsync(ok, HttpStatusCode.OK);
            AssertMembers(result, "ok", "latencyMs", "realms");
            Assert.Equal(3, (int?)result["realms"]);
        }

        var refused = NewId("refused");
        await admin.CreateProviderAsync(MockBody(refused, password: "wrong"));
        using (var auth = await admin.PostAsync($"/api/providers/{refused}/test", null, Ct))
        {
            var problem = await ExpectProblemAsync(auth, HttpStatusCode.BadGateway, "provider-authentication-failed");
            Assert.Equal(refused, (string?)problem["providerId"]);
            Assert.Contains(refused, (string?)problem["detail"], StringComparison.Ordinal);
        }

        var slow = NewId("slow");
        var slowBody = MockBody(slow);
        slowBody["settings"]!["Latency"] = "00:00:30";
        await admin.CreateProviderAsync(slowBody);
        using var unreachable = await admin.PostAsync($"/api/providers/{slow}/test", null, Ct);
        var timeout = await ExpectProblemAsync(unreachable, HttpStatusCode.ServiceUnavailable, "provider-unavailable");
        Assert.Contains("did not answer", (string?)timeout["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disabled_provider_is_listed_unavailable_and_refuses_machines()
    {
        using var admin = factory.CreateAdminClient();
        var id = NewId("off");
        var body = MockBody(id);
        body["enabled"] = false;
        var (created, _) = await admin.CreateProviderAsync(body);
        Assert.False((bool)created["enabled"]!);
        Assert.Equal("unavailable", (string?)created["status"]);
        using var response = await admin.PostAsync(InstanceCalls.Request(UniqueName("vm"), id));
        await ExpectProblemAsync(response, HttpStatusCode.ServiceUnavailable, "provider-unavailable");
    }
}
