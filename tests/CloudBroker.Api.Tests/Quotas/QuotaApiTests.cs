using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Quotas;

/// <summary>
/// Setting and reading quotas: If-Match, nested limits, who may set what, who may see what, the wire shapes.
/// </summary>
public sealed class QuotaApiTests(QuotaFactory factory) : IClassFixture<QuotaFactory>
{
    [Fact]
    public async Task A_never_set_quota_reads_as_unlimited_with_etag_0_and_put_needs_if_match()
    {
        var (tenantId, _) = await factory.NewTenantAsync("etag");
        using var admin = factory.CreateAdminClient();
        using (var get = await admin.GetAsync($"/api/quotas/tenant/{tenantId}", Ct))
        {
            var quota = await ExpectJsonAsync(get, HttpStatusCode.OK);
            Assert.Equal("\"0\"", get.Headers.ETag?.ToString());
            Assert.Equal(["scope", "scopeId", "tenantId", "limits", "warnAt", "currency", "updatedAt"], quota.Select(p => p.Key));
            Assert.Equal(["instances", "runningInstances", "cpu", "memoryMiB", "storageGiB", "budget"], quota["limits"]!.AsObject().Select(p => p.Key));
            Assert.All(quota["limits"]!.AsObject(), p => Assert.Null(p.Value));
            Assert.Equal("USD", (string?)quota["currency"]);
        }

        var limits = new JsonObject { ["instances"] = 3 };
        using (var missing = await admin.PutQuotaAsync("tenant", tenantId, limits, null, ifMatch: null))
        {
            await ExpectProblemAsync(missing, HttpStatusCode.PreconditionRequired, "precondition-required");
        }

        using (var first = await admin.PutQuotaAsync("tenant", tenantId, limits, null, "\"0\""))
        {
            var quota = await ExpectJsonAsync(first, HttpStatusCode.OK);
            Assert.Equal("\"1\"", first.Headers.ETag?.ToString());
            Assert.Equal(3, (long?)quota["limits"]!["instances"]);
        }

        using (var stale = await admin.PutQuotaAsync("tenant", tenantId, new JsonObject { ["instances"] = 4 }, null, "\"0\""))
        {
            await ExpectProblemAsync(stale, HttpStatusCode.PreconditionFailed, "precondition-failed");
        }

        Assert.Equal(3, (long?)(await ReadQuotaAsync(admin, "tenant", tenantId))["limits"]!["instances"]);
    }

    [Fact]
    public async Task A_child_limit_above_its_parents_is_400_and_lowering_a_parent_below_a_child_is_409()
    {
        var (tenantId, _) = await factory.NewTenantAsync("nest");
        var group = tenantId + "-default";
        var user = tenantId + "-member";
        using var admin = factory.CreateAdminClient();
        await admin.SetQuotaAsync("tenant", tenantId, new JsonObject { ["instances"] = 5, ["budget"] = "100.00" });

        using (var tooBig = await admin.PutQuotaAsync("group", group, new JsonObject { ["instances"] = 6 }, null, await admin.ETagAsync("group", group)))
        {
            var error = await ExpectFieldErrorAsync(tooBig, "/limits/instances");
            Assert.Equal(5, (long?)error["limit"]!["max"]);
        }

        using (var tooRich = await admin.PutQuotaAsync("user", user, new JsonObject { ["budget"] = "100.01" }, null, await admin.ETagAsync("user", user)))
        {
            await ExpectFieldErrorAsync(tooRich, "/limits/budget");
        }

        await admin.SetQuotaAsync("group", group, new JsonObject { ["instances"] = 4 });
        using (var aboveGroup = await admin.PutQuotaAsync("user", user, new JsonObject { ["instances"] = 5 }, null, await admin.ETagAsync("user", user)))
        {
            Assert.Equal(4, (long?)(await ExpectFieldErrorAsync(aboveGroup, "/limits/instances"))["limit"]!["max"]);
        }

        using (var lowered = await admin.PutQuotaAsync("tenant", tenantId, new JsonObject { ["instances"] = 3 }, null, await admin.ETagAsync("tenant", tenantId)))
        {
            var problem = await ExpectProblemAsync(lowered, HttpStatusCode.Conflict, "conflict");
            Assert.Equal("group", (string?)problem["scope"]);
            Assert.Equal(group, (string?)problem["scopeId"]);
            Assert.Contains(group, (string?)problem["detail"], StringComparison.Ordinal);
        }

        Assert.Equal(5, (long?)(await ReadQuotaAsync(admin, "tenant", tenantId))["limits"]!["instances"]);
    }

    [Fact]
    public async Task A_tenant_admin_sets_its_groups_and_users_only()
    {
        var (tenantId, _) = await factory.NewTenantAsync("ta");
        var (otherTenant, _) = await factory.NewTenantAsync("ta-other");
        using var tenantAdmin = factory.CreateAdminClient(await factory.AddUserKeyAsync(tenantId + "-admin", "tenant-admin", tenantId));
        var own = new JsonObject { ["instances"] = 2 };

        using (var tenantScope = await tenantAdmin.PutQuotaAsync("tenant", tenantId, own, null, "\"0\""))
        {
            await ExpectProblemAsync(tenantScope, HttpStatusCode.Forbidden, "forbidden");
        }

        using (var foreignGroup = await tenantAdmin.PutQuotaAsync("group", otherTenant + "-default", own, null, "\"0\""))
        {
            await ExpectProblemAsync(foreignGroup, HttpStatusCode.NotFound, "not-found");
        }

        using (var provider = await tenantAdmin.PutQuotaAsync("provider", "mock", own, null, "\"0\""))
        {
            await ExpectProblemAsync(provider, HttpStatusCode.Forbidden, "forbidden");
        }

        await tenantAdmin.SetQuotaAsync("group", tenantId + "-default", own);
        await tenantAdmin.SetQuotaAsync("user", tenantId + "-member", new JsonObject { ["instances"] = 1 });
    }

    [Fact]
    public async Task Members_see_their_tenants_quotas_only_and_cannot_set_them()
    {
        var (tenantId, member) = await factory.NewTenantAsync("see");
        var (otherTenant, _) = await factory.NewTenantAsync("see-other");
        using var admin = factory.CreateAdminClient();
        await admin.SetQuotaAsync("tenant", tenantId, new JsonObject { ["instances"] = 7 });
        await admin.SetQuotaAsync("tenant", otherTenant, new JsonObject { ["instances"] = 7 });
        await admin.SetQuotaAsync("provider", "priced", new JsonObject { ["instances"] = 1000 });

        using (var put = await member.PutQuotaAsync("user", tenantId + "-member", new JsonObject(), null, "\"0\""))
        {
            await ExpectProblemAsync(put, HttpStatusCode.Forbidden, "forbidden");
        }

        foreach (var path in new[] { $"/api/quotas/tenant/{otherTenant}", $"/api/quotas/tenant/{otherTenant}/usage", $"/api/quotas/group/{otherTenant}-default/usage" })
        {
            using var hidden = await member.GetAsync(path, Ct);
            await ExpectProblemAsync(hidden, HttpStatusCode.NotFound, "not-found");
        }

        using (var list = await member.GetAsync("/api/quotas?limit=500", Ct))
        {
            var items = (await ExpectJsonAsync(list, HttpStatusCode.OK))["items"]!.AsArray();
            Assert.Contains(items, q => (string?)q!["scopeId"] == tenantId);
            Assert.All(items, q => Assert.Equal(tenantId, (string?)q!["tenantId"]));
        }

        using (var adminList = await admin.GetAsync("/api/quotas?scope=provider&scopeId=priced", Ct))
        {
            var quota = Assert.Single((await ExpectJsonAsync(adminList, HttpStatusCode.OK))["items"]!.AsArray());
            Assert.Equal(1000, (long?)quota!["limits"]!["instances"]);
            Assert.Null((string?)quota["tenantId"]);
        }

        using var unknown = await admin.GetAsync("/api/quotas?scope=planet", Ct);
        await ExpectParameterErrorAsync(unknown, "scope");
    }

    [Fact]
    public async Task Usage_warns_at_the_threshold_and_money_is_a_decimal_string()
    {
        var (tenantId, member) = await factory.NewTenantAsync("warn");
        using var admin = factory.CreateAdminClient();
        await admin.SetQuotaAsync("tenant", tenantId,
            new JsonObject { ["instances"] = 3, ["budget"] = "1000.5" },
            new JsonObject { ["instances"] = 1, ["budget"] = new JsonArray(90) });
        Assert.False((bool)(await member.UsageAsync("tenant", tenantId))["instances"]!["warning"]!);

        await member.CreateAsync(InstanceCalls.Request(UniqueName("warn")));
        var usage = await member.UsageAsync("tenant", tenantId);
        Assert.Equal(["scope", "scopeId", "period", "currency", "instances", "runningInstances", "cpu", "memoryMiB", "storageGiB", "budget"], usage.Select(p => p.Key));
        Assert.Equal(["limit", "used", "reserved", "warnAt", "warning"], usage["instances"]!.AsObject().Select(p => p.Key));
        Assert.True((bool)usage["instances"]!["warning"]!);
        Assert.Equal(1, usage.Held("instances"));
        var budget = usage["budget"]!.AsObject();
        Assert.Equal(["limit", "used", "reserved", "warnAt", "crossed", "warning", "currency", "period"], budget.Select(p => p.Key));
        Assert.Equal(("1000.50", 90, "0.00", "0.00", false), ((string?)budget["limit"], (int)budget["warnAt"]![0]!, (string?)budget["used"], (string?)budget["reserved"], (bool)budget["warning"]!));

        using var badMoney = await admin.PutQuotaAsync("tenant", tenantId, new JsonObject { ["budget"] = "12.3456789" }, null, await admin.ETagAsync("tenant", tenantId));
        await ExpectFieldErrorAsync(badMoney, "/limits/budget");
        using var negative = await admin.PutQuotaAsync("tenant", tenantId, new JsonObject { ["cpu"] = -1 }, null, await admin.ETagAsync("tenant", tenantId));
        await ExpectFieldErrorAsync(negative, "/limits/cpu");
    }

    private static async Task<JsonObject> ReadQuotaAsync(HttpClient client, string scope, string id)
    {
        using var response = await client.GetAsync($"/api/quotas/{scope}/{id}", Ct);
        return await ExpectJsonAsync(response, HttpStatusCode.OK);
    }
}
