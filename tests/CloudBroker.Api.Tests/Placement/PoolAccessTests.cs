using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Api.Tests.Quotas;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Placement;

/// <summary>
/// Pools over HTTP: every provider has its default pool, open to all; an admin narrows it and adds pools for some
/// tenants or groups; a create naming the provider is refused 403 pool-not-allowed for anyone else, and nobody reads a
/// pool that is not open to them.
/// </summary>
public sealed class PoolAccessTests(PlacementFactory factory) : IClassFixture<PlacementFactory>
{
    [Fact]
    public async Task Every_provider_has_a_default_pool_open_to_all_that_cannot_be_deleted()
    {
        using var admin = factory.CreateAdminClient();
        var (pool, etag) = await admin.GetPoolAsync("mock");

        Assert.Equal("mock", (string?)pool["providerId"]);
        Assert.True((bool)pool["default"]!);
        Assert.True((bool)pool["openToAll"]!);
        Assert.True((bool)pool["enabled"]!);
        Assert.Equal(100, (long)pool["overcommitPercent"]!["memoryMiB"]!);
        Assert.Equal("\"1\"", etag);
        using var delete = await admin.DeleteAsync("/api/pools/mock", Ct);
        await ExpectProblemAsync(delete, HttpStatusCode.Conflict, "conflict");
    }

    [Fact]
    public async Task A_tenant_not_allowed_is_refused_403_naming_the_provider_and_never_sees_the_pool()
    {
        var (allowedTenant, allowed) = await factory.NewTenantAsync("allowed");
        var (otherTenant, other) = await factory.NewTenantAsync("other");
        using var admin = factory.CreateAdminClient();

        using (var missing = await admin.PutPoolAsync("guarded", new JsonObject { ["openToAll"] = false }, null))
        {
            await ExpectProblemAsync(missing, HttpStatusCode.PreconditionRequired, "precondition-required");
        }

        await admin.SetPoolAsync("guarded", new JsonObject { ["openToAll"] = false, ["description"] = "narrowed" });
        var (created, _) = await admin.PostAsync("/api/pools", new JsonObject
        {
            ["id"] = UniqueName("private"),
            ["providerId"] = "guarded",
            ["realms"] = new JsonArray("eu-1a"),
            ["tenantIds"] = new JsonArray(allowedTenant),
        });
        var poolId = (string)created["id"]!;

        var refused = await other.TryCreateAsync(InstanceCalls.Request(UniqueName("no"), "guarded"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        var problem = JsonNode.Parse(refused.Body)!.AsObject();
        Assert.Equal("/problems/pool-not-allowed", (string?)problem["type"]);
        Assert.Equal("guarded", (string?)problem["providerId"]);
        Assert.DoesNotContain(poolId, refused.Body, StringComparison.Ordinal);

        // The allowed tenant draws from its pool; outside the pool's realms it is refused too.
        var (id, _) = await allowed.CreateAsync(InstanceCalls.Request(UniqueName("yes"), "guarded"));
        await allowed.WaitForStateAsync(id, "running");
        var outside = await allowed.TryCreateAsync(InstanceCalls.Request(UniqueName("out"), "guarded").Also("realmId", "eu-1b"));
        Assert.Equal(HttpStatusCode.Forbidden, outside.Status);
        Assert.Contains("pool-not-allowed", outside.Body, StringComparison.Ordinal);

        // Reading: the allowed tenant sees its pool without the list of who else may use it; the other sees neither.
        var (seen, _) = await allowed.GetPoolAsync(poolId);
        Assert.Null(seen["tenantIds"]);
        Assert.Equal(1, (long)seen.Realm("eu-1a")["allocated"]!["cpu"]!);
        using (var hidden = await other.GetAsync($"/api/pools/{poolId}", Ct))
        {
            await ExpectProblemAsync(hidden, HttpStatusCode.NotFound, "not-found");
        }

        using (var hiddenDefault = await other.GetAsync("/api/pools/guarded", Ct))
        {
            await ExpectProblemAsync(hiddenDefault, HttpStatusCode.NotFound, "not-found");
        }

        using var list = await other.GetAsync("/api/pools?providerId=guarded", Ct);
        Assert.Empty((await ExpectJsonAsync(list, HttpStatusCode.OK))["items"]!.AsArray());
        var (asAdmin, _) = await admin.GetPoolAsync(poolId);
        Assert.Equal([allowedTenant], Strings(asAdmin["tenantIds"]));
        Assert.NotEqual(otherTenant, allowedTenant);
    }

    [Fact]
    public async Task A_group_allowed_draws_from_the_pool_and_a_disabled_pool_refuses_everyone()
    {
        var (tenantId, member) = await factory.NewTenantAsync("grp");
        using var admin = factory.CreateAdminClient();
        var poolId = UniqueName("grp");
        await admin.PostAsync("/api/pools", new JsonObject { ["id"] = poolId, ["providerId"] = "declared", ["groupIds"] = new JsonArray(tenantId + "-default") });
        await admin.SetPoolAsync("declared", new JsonObject { ["enabled"] = false, ["openToAll"] = true });

        await member.CreateAsync(InstanceCalls.Request(UniqueName("g"), "declared"));
        await admin.SetPoolAsync(poolId, new JsonObject { ["enabled"] = false, ["groupIds"] = new JsonArray(tenantId + "-default") });
        var refused = await member.TryCreateAsync(InstanceCalls.Request(UniqueName("g"), "declared"));

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Contains("pool-not-allowed", refused.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pool_settings_are_checked_field_by_field()
    {
        using var admin = factory.CreateAdminClient();
        using (var noProvider = await admin.PostAsync("/api/pools", Body(new JsonObject { ["id"] = UniqueName("p"), ["providerId"] = "nope" }), Ct))
        {
            await ExpectFieldErrorAsync(noProvider, "/providerId");
        }

        using (var noRealm = await admin.PostAsync("/api/pools", Body(new JsonObject { ["id"] = UniqueName("p"), ["providerId"] = "mock", ["realms"] = new JsonArray("mars") }), Ct))
        {
            var error = await ExpectFieldErrorAsync(noRealm, "/realms/0");
            Assert.Contains("eu-1a", Strings(error["limit"]!["values"]));
        }

        using (var ratio = await admin.PostAsync("/api/pools", Body(new JsonObject
        {
            ["id"] = UniqueName("p"), ["providerId"] = "mock", ["overcommitPercent"] = new JsonObject { ["memoryMiB"] = 100000 },
        }), Ct))
        {
            var error = await ExpectFieldErrorAsync(ratio, "/overcommitPercent/memoryMiB");
            Assert.Equal(10000, (long)error["limit"]!["max"]!);
        }

        var (_, member) = await factory.NewTenantAsync("nopost");
        using var forbidden = await member.PostAsync("/api/pools", Body(new JsonObject { ["id"] = UniqueName("p"), ["providerId"] = "mock" }), Ct);
        await ExpectProblemAsync(forbidden, HttpStatusCode.Forbidden, "forbidden");
    }
}
