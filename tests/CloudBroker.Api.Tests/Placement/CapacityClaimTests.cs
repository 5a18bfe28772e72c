using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Api.Tests.Quotas;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Placement;

/// <summary>
/// Capacity read from the provider and claimed by creates: concurrent creates never take more than capacity ×
/// overcommit − headroom, each refusal says where and by how much, and a destroyed machine gives its share back. Runs on
/// SQLite and, with <c>CB_TEST_DATABASE=postgres</c>, on PostgreSQL (row locks decide there).
/// </summary>
public sealed class CapacityClaimTests(PlacementFactory factory) : IClassFixture<PlacementFactory>
{
    [Fact]
    public async Task Capacity_is_read_from_the_mocks_configuration_per_realm()
    {
        using var admin = factory.CreateAdminClient();
        var pool = await admin.WaitForProviderCapacityAsync("roomy", "eu-1b");

        var b = pool.Realm("eu-1b");
        Assert.Equal(4, (long)b["capacity"]!["cpu"]!);
        Assert.Equal(8192, (long)b["capacity"]!["memoryMiB"]!);
        Assert.Equal(100, (long)b["capacity"]!["storageGiB"]!);
        Assert.Equal(8, (long)pool.Realm("eu-1a")["capacity"]!["cpu"]!);
        AssertTimestamp(b["readAt"]);

        // Overcommit and headroom change what may be allocated, not what the realm holds.
        var changed = await admin.SetPoolAsync("roomy", new JsonObject
        {
            ["openToAll"] = true,
            ["overcommitPercent"] = new JsonObject { ["memoryMiB"] = 200 },
            ["headroom"] = new JsonObject { ["cpu"] = 1 },
        });
        Assert.Equal(16384, (long)changed.Realm("eu-1b")["allocatable"]!["memoryMiB"]!);
        Assert.Equal(3, (long)changed.Realm("eu-1b")["allocatable"]!["cpu"]!);
        Assert.Equal(8192, (long)changed.Realm("eu-1b")["capacity"]!["memoryMiB"]!);
    }

    [Fact]
    public async Task Concurrent_creates_never_exceed_capacity_times_overcommit_less_headroom_and_a_destroy_gives_back()
    {
        using var admin = factory.CreateAdminClient();
        await admin.WaitForProviderCapacityAsync("tight", "eu-1a");
        // eu-1a holds 4 vCPUs: 200 % overcommit less 2 kept back leaves 6 machines of one vCPU.
        await admin.SetPoolAsync("tight", new JsonObject
        {
            ["openToAll"] = true,
            ["overcommitPercent"] = new JsonObject { ["cpu"] = 200 },
            ["headroom"] = new JsonObject { ["cpu"] = 2 },
        });
        var (_, member) = await factory.NewTenantAsync("cap");

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ =>
            member.TryCreateAsync(InstanceCalls.Request(UniqueName("cap"), "tight").Also("realmId", "eu-1a"))));

        var accepted = results.Where(r => r.Status == HttpStatusCode.Accepted).ToList();
        Assert.Equal(6, accepted.Count);
        foreach (var (status, text, _) in results.Where(r => r.Status != HttpStatusCode.Accepted))
        {
            Assert.True(status == HttpStatusCode.Conflict, $"{(int)status}: {text}");
            var problem = JsonNode.Parse(text)!.AsObject();
            Assert.Equal("/problems/capacity-exhausted", (string?)problem["type"]);
            Assert.Equal("tight", (string?)problem["poolId"]);
            Assert.Equal("eu-1a", (string?)problem["realmId"]);
            Assert.Equal("cpu", (string?)problem["resource"]);
            Assert.Equal(6, (long)problem["capacity"]!);
            Assert.Equal(6, (long)problem["allocated"]!);
            Assert.Equal(1, (long)problem["requested"]!);
        }

        var (pool, _) = await admin.GetPoolAsync("tight");
        Assert.Equal(6, (long)pool.Realm("eu-1a")["allocated"]!["cpu"]!);
        Assert.Equal(6 * 1024, (long)pool.Realm("eu-1a")["allocated"]!["memoryMiB"]!);

        var gone = accepted[0].InstanceId!;
        await member.WaitForStateAsync(gone, "running");
        await member.ActAsync(gone, "destroy");
        await member.WaitForStateAsync(gone, "terminated");
        var (released, _) = await admin.GetPoolAsync("tight");
        Assert.Equal(5, (long)released.Realm("eu-1a")["allocated"]!["cpu"]!);
        Assert.True((long)released.Realm("eu-1a")["generation"]! > (long)pool.Realm("eu-1a")["generation"]!);

        await member.CreateAsync(InstanceCalls.Request(UniqueName("again"), "tight").Also("realmId", "eu-1a"));
        var full = await member.TryCreateAsync(InstanceCalls.Request(UniqueName("full"), "tight").Also("realmId", "eu-1a"));
        Assert.Equal(HttpStatusCode.Conflict, full.Status);

        // Without a realm named, a create is counted on the pool's next realm with room (eu-1b: 2 vCPUs × 200 % − 2).
        var (elsewhere, _) = await member.CreateAsync(InstanceCalls.Request(UniqueName("b"), "tight"));
        await member.CreateAsync(InstanceCalls.Request(UniqueName("b"), "tight"));
        var (after, _) = await admin.GetPoolAsync("tight");
        Assert.Equal(2, (long)after.Realm("eu-1b")["allocated"]!["cpu"]!);
        Assert.Equal(6, (long)after.Realm("eu-1a")["allocated"]!["cpu"]!);
        var none = await member.TryCreateAsync(InstanceCalls.Request(UniqueName("none"), "tight"));
        Assert.Equal(HttpStatusCode.Conflict, none.Status);
        Assert.Contains("capacity-exhausted", none.Body, StringComparison.Ordinal);
        Assert.NotNull(elsewhere);
    }

    [Fact]
    public async Task A_create_that_fails_gives_its_capacity_back()
    {
        using var admin = factory.CreateAdminClient();
        var (_, member) = await factory.NewTenantAsync("fail");
        var (id, _) = await member.CreateAsync(InstanceCalls.Request(UniqueName("fail"), "flaky"));

        var (claimed, _) = await admin.GetPoolAsync("flaky");
        Assert.True(claimed["inventory"]!.AsArray().Sum(r => (long)r!["allocated"]!["cpu"]!) >= 1);
        await member.WaitForStateAsync(id, "error");
        var deadline = DateTime.UtcNow + InstanceCalls.Timeout;
        while (true)
        {
            var (pool, _) = await admin.GetPoolAsync("flaky");
            if (pool["inventory"]!.AsArray().Sum(r => (long)r!["allocated"]!["cpu"]!) == 0)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, pool.ToJsonString());
            await Task.Delay(50, Ct);
        }
    }

    [Fact]
    public async Task Declared_capacity_applies_where_the_provider_cannot_say()
    {
        using var admin = factory.CreateAdminClient();
        var poolId = UniqueName("decl");
        var (tenantId, member) = await factory.NewTenantAsync("decl");
        await admin.SetPoolAsync("declared", new JsonObject { ["enabled"] = false });
        var (created, _) = await admin.PostAsync("/api/pools", new JsonObject
        {
            ["id"] = poolId,
            ["providerId"] = "declared",
            ["realms"] = new JsonArray("eu-1b"),
            ["tenantIds"] = new JsonArray(tenantId),
            ["capacity"] = new JsonArray(new JsonObject { ["realmId"] = "eu-1b", ["memoryMiB"] = 2048 }),
        });
        Assert.Equal("declared", (string?)created.Realm("eu-1b")["capacitySource"]);
        Assert.Null(created.Realm("eu-1b")["capacity"]!["cpu"]);

        await member.CreateAsync(InstanceCalls.Request(UniqueName("d"), "declared"));
        await member.CreateAsync(InstanceCalls.Request(UniqueName("d"), "declared"));
        using var full = await member.PostAsync(InstanceCalls.Request(UniqueName("d"), "declared"));

        var problem = await ExpectProblemAsync(full, HttpStatusCode.Conflict, "capacity-exhausted");
        Assert.Equal("memoryMiB", (string?)problem["resource"]);
        Assert.Equal(2048, (long)problem["capacity"]!);
    }
}
