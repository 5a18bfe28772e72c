using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CloudBroker.Accounting.Metering;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Accounting;

/// <summary>
/// Instance tags: given at create, changed by <c>PATCH /api/instances/{id}</c> (If-Match, merge patch), validated with
/// stated limits, recorded in the history and audited, and carried by usage, which splits where they change.
/// </summary>
public sealed class InstanceTagsTests(MeteringFactory factory) : IClassFixture<MeteringFactory>
{
    [Fact]
    public async Task Tags_given_at_create_are_read_back_and_a_merge_patch_with_if_match_changes_them()
    {
        using var client = factory.CreateAdminClient();
        var (id, _) = await client.CreateAsync(InstanceCalls.Request(UniqueName("tags"))
            .Also("tags", new JsonObject { ["team"] = "web", ["cost-center"] = "cc-42", ["env"] = "prod" }));
        var (read, etag) = await GetAsync(client, id);
        Assert.Equal("""{"cost-center":"cc-42","env":"prod","team":"web"}""", read["tags"]!.ToJsonString()); // key order

        using var changed = await PatchAsync(client, id, new JsonObject { ["tags"] = new JsonObject { ["team"] = "api", ["env"] = null, ["owner"] = "ana" } }, etag);
        var body = await ExpectJsonAsync(changed, HttpStatusCode.OK);
        Assert.Equal("""{"cost-center":"cc-42","owner":"ana","team":"api"}""", body["tags"]!.ToJsonString());
        var newEtag = changed.Headers.ETag?.Tag;
        Assert.NotEqual(etag, newEtag);
        Assert.Equal(body["tags"]!.ToJsonString(), (await GetAsync(client, id)).Body["tags"]!.ToJsonString());

        using (var stale = await PatchAsync(client, id, new JsonObject { ["tags"] = new JsonObject { ["team"] = "x" } }, etag))
        {
            await ExpectProblemAsync(stale, HttpStatusCode.PreconditionFailed, "precondition-failed");
        }

        using (var missing = await PatchAsync(client, id, new JsonObject { ["tags"] = new JsonObject { ["team"] = "x" } }, null))
        {
            await ExpectProblemAsync(missing, HttpStatusCode.PreconditionRequired, "precondition-required");
        }

        using (var other = await PatchAsync(client, Guid.NewGuid().ToString(), new JsonObject { ["tags"] = new JsonObject() }, "\"1\""))
        {
            await ExpectProblemAsync(other, HttpStatusCode.NotFound, "not-found");
        }

        var history = await Reconciliations.InstanceEventsAsync(client, id);
        Assert.Single(history, e => (string?)e["cause"] == "tags changed" && (string?)e["subject"] == "instance");
        Assert.Equal("""{"cost-center":"cc-42","owner":"ana","team":"api"}""", (await GetAsync(client, id)).Body["tags"]!.ToJsonString()); // the refused ones changed nothing
    }

    [Theory]
    [InlineData("""{"bad key":"v"}""", "/tags/bad key", "pattern")]
    [InlineData("""{"-lead":"v"}""", "/tags/-lead", "pattern")]
    [InlineData("""{"cloudbroker:instance-id":"v"}""", "/tags/cloudbroker:instance-id", "reserved")]
    [InlineData("""{"CloudBroker:Mine":"v"}""", "/tags/CloudBroker:Mine", "reserved")]
    [InlineData("""{"k":"line\nbreak"}""", "/tags/k", "pattern")]
    public async Task Bad_tags_are_refused_naming_the_tag_and_the_limit(string tags, string pointer, string what)
    {
        using var client = factory.CreateAdminClient();
        using var response = await client.PostAsync(InstanceCalls.Request(UniqueName("tags-bad")).Also("tags", JsonNode.Parse(tags)));
        var error = await ExpectFieldErrorAsync(response, pointer);
        if (what == "reserved")
        {
            Assert.Contains("cloudbroker:", (string?)error["detail"], StringComparison.Ordinal);
        }

        Assert.NotNull(error["limit"]?["pattern"]);
    }

    [Fact]
    public async Task The_count_and_lengths_are_limited_as_the_document_says()
    {
        using var client = factory.CreateAdminClient();
        var many = new JsonObject();
        for (var i = 0; i < 51; i++)
        {
            many["k" + i] = "v";
        }

        using (var tooMany = await client.PostAsync(InstanceCalls.Request(UniqueName("tags-many")).Also("tags", many)))
        {
            Assert.Equal(50, (int)(await ExpectFieldErrorAsync(tooMany, "/tags"))["limit"]!["max"]!);
        }

        var longKey = new string('k', 129);
        using (var keyTooLong = await client.PostAsync(InstanceCalls.Request(UniqueName("tags-key")).Also("tags", new JsonObject { [longKey] = "v" })))
        {
            Assert.Equal(128, (int)(await ExpectFieldErrorAsync(keyTooLong, "/tags/" + longKey))["limit"]!["maxLength"]!);
        }

        using (var valueTooLong = await client.PostAsync(InstanceCalls.Request(UniqueName("tags-value")).Also("tags", new JsonObject { ["k"] = new string('v', 257) })))
        {
            Assert.Equal(256, (int)(await ExpectFieldErrorAsync(valueTooLong, "/tags/k"))["limit"]!["maxLength"]!);
        }

        // Fifty stored, one more by patch: the result counts.
        var (id, _) = await client.CreateAsync(InstanceCalls.Request(UniqueName("tags-full")).Also("tags", JsonNode.Parse(many.ToJsonString()!.Replace(",\"k50\":\"v\"", "", StringComparison.Ordinal))));
        var (_, etag) = await GetAsync(client, id);
        using var oneMore = await PatchAsync(client, id, new JsonObject { ["tags"] = new JsonObject { ["extra"] = "v" } }, etag);
        Assert.Equal(50, (int)(await ExpectFieldErrorAsync(oneMore, "/tags"))["limit"]!["max"]!);

        using var document = await client.GetAsync("/openapi/v1.json", Ct);
        var schema = (await ExpectJsonAsync(document, HttpStatusCode.OK))["components"]!["schemas"]!["CreateInstanceRequest"]!["properties"]!["tags"]!;
        Assert.Equal(50, (int)schema["maxProperties"]!);
        Assert.Equal(128, (int)schema["propertyNames"]!["maxLength"]!);
        Assert.NotNull(schema["propertyNames"]!["pattern"]);
        Assert.Equal(256, (int)schema["additionalProperties"]!["maxLength"]!);
    }

    [Fact]
    public async Task A_tag_change_splits_usage_at_its_time_and_changes_no_total()
    {
        using var client = factory.CreateAdminClient();
        var running = await client.CreateRunningAsync(InstanceCalls.Request(UniqueName("tags-split")).Also("tags", new JsonObject { ["team"] = "web" }));
        var id = (string)running["id"]!;
        var (_, etag) = await GetAsync(client, id);
        using (var changed = await PatchAsync(client, id, new JsonObject { ["tags"] = new JsonObject { ["team"] = "api" } }, etag))
        {
            await ExpectJsonAsync(changed, HttpStatusCode.OK);
        }

        await factory.WaitForMeteringAsync();
        var (_, history) = await factory.HistoryAsync(id);
        var booted = history.Single(e => e.To == "running" && e.From == "pending").At;
        var retagged = history.Single(e => e.Cause == "tags changed").At;
        var intervals = await factory.IntervalsAsync(id);
        foreach (var meter in Meters.All)
        {
            Assert.Equal(
                [(booted, (DateTime?)retagged, """{"team":"web"}"""), (retagged, null, """{"team":"api"}""")],
                intervals.Where(u => u.Meter == meter).Select(u => (u.Start, u.End, u.Tags)).ToArray());
        }

        await factory.AssertTotalsMatchHistoryAsync(id);
    }

    [Fact]
    public async Task The_patch_is_audited()
    {
        using var client = factory.CreateAdminClient();
        var (id, _) = await client.CreateAsync(InstanceCalls.Request(UniqueName("tags-audit")));
        var (_, etag) = await GetAsync(client, id);
        using (var changed = await PatchAsync(client, id, new JsonObject { ["tags"] = new JsonObject { ["a"] = "b" } }, etag))
        {
            await ExpectJsonAsync(changed, HttpStatusCode.OK);
        }

        await AuditEntries.WaitForAsync(client, "/api/audit?limit=500", 1, e => (string?)e["method"] == "PATCH" && (string?)e["target"] == id && (int?)e["status"] == 200);
    }

    private static async Task<(JsonObject Body, string? ETag)> GetAsync(HttpClient client, string id)
    {
        using var response = await client.GetAsync("/api/instances/" + id, Ct);
        return (await ExpectJsonAsync(response, HttpStatusCode.OK), response.Headers.ETag?.Tag);
    }

    private static async Task<HttpResponseMessage> PatchAsync(HttpClient client, string id, JsonObject body, string? etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, "/api/instances/" + id) { Content = Body(body) };
        if (etag is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        }

        return await client.SendAsync(request, Ct);
    }
}
