using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Quotas;

/// <summary>
/// Many creates at once against one limit: exactly the limit is accepted, every other request is refused with
/// what it hit, and the usage the API shows afterwards is the limit. Runs on SQLite and, with
/// <c>CB_TEST_DATABASE=postgres</c>, on PostgreSQL (where the row locks, not a database-wide write lock, decide).
/// </summary>
public sealed class QuotaConcurrencyTests(QuotaFactory factory) : IClassFixture<QuotaFactory>
{
    private const int Requests = 200;

    [Theory]
    [InlineData("instances", 10, "m1-small", 1)]
    [InlineData("cpu", 20, "m1-medium", 2)]
    public async Task Concurrent_creates_never_overshoot_a_limit(string resource, int limit, string profile, int each)
    {
        var (tenantId, member) = await factory.NewTenantAsync("race");
        using var admin = factory.CreateAdminClient();
        await admin.SetQuotaAsync("tenant", tenantId, new JsonObject { [resource] = limit });

        var results = await Task.WhenAll(Enumerable.Range(0, Requests).Select(i =>
        {
            var body = InstanceCalls.Request(UniqueName("race"));
            body["hardwareProfileId"] = profile;
            return member.TryCreateAsync(body);
        }));

        var accepted = results.Where(r => r.Status == HttpStatusCode.Accepted).ToList();
        var refused = results.Where(r => r.Status != HttpStatusCode.Accepted).ToList();
        Assert.Equal(limit / each, accepted.Count);
        Assert.Equal(Requests - (limit / each), refused.Count);
        foreach (var (status, text, _) in refused)
        {
            Assert.True(status == HttpStatusCode.Forbidden, $"{(int)status}: {text}");
            var problem = JsonNode.Parse(text)!.AsObject();
            Assert.Equal("/problems/quota-exceeded", (string?)problem["type"]);
            Assert.Equal("tenant", (string?)problem["scope"]);
            Assert.Equal(tenantId, (string?)problem["scopeId"]);
            Assert.Equal(resource, (string?)problem["resource"]);
            Assert.Equal(limit, (long)problem["limit"]!);
            Assert.Equal(limit, (long)problem["used"]! + (long)problem["reserved"]!); // full when it was refused
            Assert.Equal(each, (long)problem["requested"]!);
        }

        var held = await member.UsageAsync("tenant", tenantId);
        Assert.Equal(limit, (long)held[resource]!["used"]! + (long)held[resource]!["reserved"]!);

        foreach (var (_, _, id) in accepted)
        {
            await member.WaitForStateAsync(id!, "running");
        }

        var usage = await member.UsageAsync("tenant", tenantId);
        Assert.Equal(limit, (long)usage[resource]!["used"]!);
        Assert.Equal(0, (long)usage[resource]!["reserved"]!);
        Assert.Equal(limit, (long)usage[resource]!["limit"]!);
        Assert.Equal(limit / each, (long)usage["instances"]!["used"]!);
        Assert.Equal(limit / each, (long)usage["runningInstances"]!["used"]!);
    }

    [Fact]
    public async Task User_group_and_tenant_limits_apply_together_and_each_refusal_names_the_tightest_scope()
    {
        var (tenantId, first) = await factory.NewTenantAsync("tree");
        var group = tenantId + "-default";
        var other = tenantId + "-other";
        using var second = factory.CreateAdminClient(await factory.AddUserKeyAsync(tenantId + "-second", "member", tenantId, group));
        using var third = factory.CreateAdminClient(await factory.AddUserKeyAsync(tenantId + "-third", "member", tenantId, other));
        using var admin = factory.CreateAdminClient();
        await admin.SetQuotaAsync("tenant", tenantId, new JsonObject { ["instances"] = 5 });
        await admin.SetQuotaAsync("group", group, new JsonObject { ["instances"] = 4 });
        await admin.SetQuotaAsync("user", tenantId + "-member", new JsonObject { ["instances"] = 2 });

        await AcceptAsync(first, 2);
        await RefusedAsync(first, "user", tenantId + "-member");
        await AcceptAsync(second, 2);
        await RefusedAsync(second, "group", group);
        await AcceptAsync(third, 1);
        await RefusedAsync(third, "tenant", tenantId);

        using var reader = factory.CreateAdminClient();
        Assert.Equal(5, (await reader.UsageAsync("tenant", tenantId)).Held("instances"));
        Assert.Equal(4, (await reader.UsageAsync("group", group)).Held("instances"));
        Assert.Equal(1, (await reader.UsageAsync("group", other)).Held("instances"));
        Assert.Equal(2, (await reader.UsageAsync("user", tenantId + "-second")).Held("instances"));
    }

    private static async Task AcceptAsync(HttpClient client, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var (status, text, _) = await client.TryCreateAsync(InstanceCalls.Request(UniqueName("tree")));
            Assert.True(status == HttpStatusCode.Accepted, $"{(int)status}: {text}");
        }
    }

    private static async Task RefusedAsync(HttpClient client, string scope, string scopeId)
    {
        using var response = await client.PostAsync(InstanceCalls.Request(UniqueName("tree")));
        var problem = await QuotaCalls.ExpectQuotaExceededAsync(response, scope, scopeId, "instances");
        Assert.Equal(1, (long)problem["requested"]!);
    }
}
