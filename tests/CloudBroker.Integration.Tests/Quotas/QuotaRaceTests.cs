using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudBroker.Integration.Tests.ScaleOut;

namespace CloudBroker.Integration.Tests.Quotas;

/// <summary>
/// Quotas on the scaled-out broker (issue 6, item 6): two API processes on one PostgreSQL accept creates at the same
/// time, and no limit is overshot — 200 concurrent creates spread over both APIs against an instance limit of 10, a cpu
/// limit, and user + group + tenant limits at once. Only the row locks of the quota counters can make this exact:
/// each process alone sees nothing of the other's requests.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class QuotaRaceTests
{
    private const int Requests = 200;

    [Fact(Timeout = 300_000)]
    public async Task Two_api_processes_never_overshoot_instance_cpu_or_nested_limits()
    {
        var services = ScaleOutServices.FromEnvironment();
        var ct = TestContext.Current.CancellationToken;
        var folder = ScenarioFolder.Create("quotas", 1);
        var reader = MockCloudSettings.Reader(TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
        var environment = BrokerEnvironment.ForLoad(folder.Path, reader);
        await using (var cluster = await ScaleOutCluster.StartAsync(services, folder.Path, environment, apis: 2, workers: 1, folder.Log, ct))
        {
            await OneLimitAsync(cluster, "instances", 10, "m1-small", 1, folder.Log, ct);
            await OneLimitAsync(cluster, "cpu", 14, "m1-medium", 2, folder.Log, ct);
            await NestedLimitsAsync(cluster, folder.Log, ct);
        }

        folder.Passed();
    }

    private static async Task OneLimitAsync(ScaleOutCluster cluster, string resource, int limit, string profile, int each, ScenarioLog log, CancellationToken ct)
    {
        var admin = cluster.Api(0);
        var tenant = await admin.CreateTenantAsync("race-" + resource.ToLowerInvariant(), ct);
        var group = await admin.CreateGroupAsync(tenant, "team", ct);
        var (_, key) = await admin.CreateMemberAsync(tenant, group, "racer", ct);
        await admin.SetLimitsAsync("tenant", tenant, new JsonObject { [resource] = limit }, ct);

        var clients = cluster.Apis.Select(api => api.As(key)).ToArray();
        var results = await Task.WhenAll(Enumerable.Range(0, Requests).Select(i => CreateAsync(clients[i % clients.Length], profile, ct)));
        var accepted = results.Count(r => r.Status == HttpStatusCode.Accepted);
        var refusals = results.Where(r => r.Status != HttpStatusCode.Accepted).ToArray();
        log.Say($"{resource} limit {limit}: {accepted} accepted, {refusals.Length} refused over 2 API processes");
        Assert.Equal(limit / each, accepted);
        foreach (var (status, problem) in refusals)
        {
            Assert.True(status == HttpStatusCode.Forbidden, $"{(int)status}: {problem.ToJsonString()}");
            Assert.Equal("/problems/quota-exceeded", (string?)problem["type"]);
            Assert.Equal(("tenant", tenant, resource), ((string?)problem["scope"], (string?)problem["scopeId"], (string?)problem["resource"]));
            Assert.Equal(limit, (long)problem["limit"]!);
            Assert.Equal(limit, (long)problem["used"]! + (long)problem["reserved"]!);
            Assert.Equal(each, (long)problem["requested"]!);
        }

        // Every accepted machine comes up; then the usage is all "used", exactly the limit.
        var usage = await WaitUntilCommittedAsync(admin, "tenant", tenant, resource, ct);
        Assert.Equal(limit, (long)usage[resource]!["used"]!);
        Assert.Equal(limit / each, (long)usage["runningInstances"]!["used"]!);
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    /// <summary>
    /// Tenant 8, group 5, each of its two users 3; a third user in another group is limited by the tenant only. 90
    /// concurrent creates (30 per user) over both APIs: the tenant fills exactly, the first group never passes 5,
    /// no user passes 3, and every refusal names the scope that was full.
    /// </summary>
    private static async Task NestedLimitsAsync(ScaleOutCluster cluster, ScenarioLog log, CancellationToken ct)
    {
        var admin = cluster.Api(0);
        var tenant = await admin.CreateTenantAsync("nested", ct);
        var team = await admin.CreateGroupAsync(tenant, "team", ct);
        var others = await admin.CreateGroupAsync(tenant, "others", ct);
        var first = await admin.CreateMemberAsync(tenant, team, "first", ct);
        var second = await admin.CreateMemberAsync(tenant, team, "second", ct);
        var third = await admin.CreateMemberAsync(tenant, others, "third", ct);
        await admin.SetLimitsAsync("tenant", tenant, new JsonObject { ["instances"] = 8 }, ct);
        await admin.SetLimitsAsync("group", team, new JsonObject { ["instances"] = 5 }, ct);
        await admin.SetLimitsAsync("user", first.UserId, new JsonObject { ["instances"] = 3 }, ct);
        await admin.SetLimitsAsync("user", second.UserId, new JsonObject { ["instances"] = 3 }, ct);

        var users = new[] { first, second, third };
        var clients = users.SelectMany(u => cluster.Apis.Select(api => api.As(u.Key))).ToArray();
        var results = await Task.WhenAll(Enumerable.Range(0, 90).Select(async i =>
        {
            var user = i % 3;
            var (status, problem) = await CreateAsync(clients[(user * 2) + (i / 3 % 2)], "m1-small", ct);
            return (User: user, Status: status, Problem: problem);
        }));

        int Accepted(int user) => results.Count(r => r.User == user && r.Status == HttpStatusCode.Accepted);
        log.Say($"nested limits: users accepted {Accepted(0)}, {Accepted(1)}, {Accepted(2)} (limits user 3, group 5, tenant 8)");
        Assert.Equal(8, Accepted(0) + Accepted(1) + Accepted(2));
        Assert.InRange(Accepted(0) + Accepted(1), 0, 5);
        Assert.InRange(Accepted(0), 0, 3);
        Assert.InRange(Accepted(1), 0, 3);
        var allowedScopes = new Dictionary<string, string> { ["user"] = "", ["group"] = team, ["tenant"] = tenant };
        foreach (var (user, status, problem) in results.Where(r => r.Status != HttpStatusCode.Accepted))
        {
            Assert.True(status == HttpStatusCode.Forbidden, $"{(int)status}: {problem.ToJsonString()}");
            var scope = (string)problem["scope"]!;
            var expectedId = scope == "user" ? users[user].UserId : allowedScopes[scope];
            Assert.Equal(expectedId, (string?)problem["scopeId"]);
            Assert.Equal((long)problem["limit"]!, (long)problem["used"]! + (long)problem["reserved"]!); // that scope was full
        }

        Assert.Equal(8, Held(await admin.UsageAsync("tenant", tenant, ct)));
        Assert.Equal(Accepted(0) + Accepted(1), Held(await admin.UsageAsync("group", team, ct)));
        Assert.Equal(Accepted(2), Held(await admin.UsageAsync("group", others, ct)));
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    private static long Held(JsonObject usage) => (long)usage["instances"]!["used"]! + (long)usage["instances"]!["reserved"]!;

    private static async Task<JsonObject> WaitUntilCommittedAsync(HttpClient admin, string scope, string id, string resource, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var usage = await admin.UsageAsync(scope, id, ct);
            if ((long)usage[resource]!["reserved"]! == 0 || DateTime.UtcNow > deadline)
            {
                return usage;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }
    }

    private static async Task<(HttpStatusCode Status, JsonObject Problem)> CreateAsync(HttpClient client, string profile, CancellationToken ct)
    {
        using var response = await client.PostAsJsonAsync("/api/instances", new JsonObject
        {
            ["name"] = "q-" + Guid.NewGuid().ToString("N")[..12],
            ["providerId"] = MockCloudSettings.ProviderId,
            ["imageId"] = "debian-12",
            ["hardwareProfileId"] = profile,
        }, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        return (response.StatusCode, text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!.AsObject());
    }
}
