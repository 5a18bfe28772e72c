using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Accounting;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Placement;

/// <summary>
/// Orders by size and image family over a private KVM pool and a public EC2 pool: private-first fills the KVM pool,
/// then bursts to EC2; private-only refuses with no-valid-placement, naming only the caller's pools; cheapest follows
/// the price books; the tenant's default policy is its admins' to set. Runs on SQLite and PostgreSQL.
/// </summary>
public sealed class BurstingTests(BurstingFactory factory) : IClassFixture<BurstingFactory>
{
    [Fact]
    public async Task A_full_kvm_pool_bursts_to_ec2_and_private_only_gets_no_valid_placement_naming_only_the_callers_pools()
    {
        using var setup = await PlacementSetup.StartAsync(factory, "burst", kvmCpu: 2);
        var theirs = UniqueName("theirs"); // another tenant's KVM pool with room: never chosen, never named
        await setup.OpenPoolAsync(theirs, "libvirt", new JsonArray(new JsonObject { ["realmId"] = "local", ["cpu"] = 100 }), priority: 50, tenantId: "someone-else");

        for (var n = 0; n < 2; n++)
        {
            var onKvm = await setup.PlaceAsync(setup.Order());
            Assert.Equal("libvirt", (string?)onKvm["providerId"]);
            Assert.Equal("local", (string?)onKvm["realmId"]); // the driver is told the realm it was counted on
            Assert.Equal("flex", (string?)onKvm["hardwareProfileId"]); // the smallest that fits: 1 vCPU, 1 GiB and 8 GiB of its range (small has 10 GiB)
            Assert.Equal(BurstingFactory.KvmImage, (string?)onKvm["imageId"]);
        }

        var burst = await setup.PlaceAsync(setup.Order());
        Assert.Equal("aws", (string?)burst["providerId"]);
        Assert.Equal("t3.micro", (string?)burst["hardwareProfileId"]);
        Assert.Contains((string?)burst["realmId"], factory.Zones);

        using var why = await setup.Member.GetAsync($"/api/instances/{(string)burst["id"]!}/placement", Ct);
        var placement = await ExpectJsonAsync(why, HttpStatusCode.OK);
        Assert.Equal(setup.Ec2Pool, (string?)placement["poolId"]);
        Assert.Equal("private-first", (string?)placement["decision"]!["policy"]);
        var kvm = placement["decision"]!["candidates"]!.AsArray().Single(c => (string?)c!["poolId"] == setup.KvmPool)!;
        Assert.Equal("capacity", (string?)kvm["refusedBy"]);
        Assert.Contains("cpu: 2 allocated + 1 asked > 2", (string?)kvm["reason"], StringComparison.Ordinal);

        var refused = await setup.RefusedAsync(setup.Order(policy: "private-only"));
        Assert.All(refused, c => Assert.Contains((string?)c!["poolId"], new[] { setup.KvmPool, setup.Ec2Pool }));
        Assert.Equal("capacity", (string?)refused.Single(c => (string?)c!["poolId"] == setup.KvmPool)!["refusedBy"]);
        Assert.All(refused.Where(c => (string?)c!["poolId"] == setup.Ec2Pool), c => Assert.Equal("policy", (string?)c!["refusedBy"]));
        Assert.Equal(1 + factory.Zones.Count, refused.Count);
        Assert.DoesNotContain(theirs, refused.ToJsonString(), StringComparison.Ordinal);
        var (pool, _) = await setup.Admin.GetPoolAsync(theirs);
        Assert.Equal(0, (long)pool.Realm("local")["allocated"]!["cpu"]!);
    }

    [Fact]
    public async Task The_tenants_policy_applies_when_the_order_names_none_and_only_its_admins_set_it()
    {
        using var setup = await PlacementSetup.StartAsync(factory, "policy", kvmCpu: 0);
        var path = $"/api/tenants/{setup.TenantId}/placement-policy";
        using (var read = await setup.Member.GetAsync(path, Ct))
        {
            var policy = await ExpectJsonAsync(read, HttpStatusCode.OK);
            Assert.Equal("private-first", (string?)policy["policy"]);
            Assert.True((bool)policy["isDefault"]!);
        }

        using (var byMember = await setup.Member.PutAsync(path, Body(new JsonObject { ["policy"] = "private-only" }), Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, byMember.StatusCode);
        }

        using var tenantAdmin = factory.CreateAdminClient(await factory.AddUserKeyAsync(setup.TenantId + "-admin", "tenant-admin", setup.TenantId));
        using (var bad = await tenantAdmin.PutAsync(path, Body(new JsonObject { ["policy"] = "anywhere" }), Ct))
        {
            await ExpectFieldErrorAsync(bad, "/policy");
        }

        using (var set = await tenantAdmin.PutAsync(path, Body(new JsonObject { ["policy"] = "private-only" }), Ct))
        {
            Assert.False((bool)(await ExpectJsonAsync(set, HttpStatusCode.OK))["isDefault"]!);
        }

        using (var elsewhere = await tenantAdmin.PutAsync("/api/tenants/someone-else/placement-policy", Body(new JsonObject { ["policy"] = "cheapest" }), Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        }

        // The KVM pool holds nothing: private-only (the tenant's) refuses, the order's own cheapest goes to EC2.
        var refused = await setup.RefusedAsync(setup.Order());
        Assert.Contains(refused, c => (string?)c!["refusedBy"] == "policy");
        var placed = await setup.PlaceAsync(setup.Order(policy: "cheapest"));
        Assert.Equal("aws", (string?)placed["providerId"]);
    }

    [Fact]
    public async Task Cheapest_goes_where_the_price_books_say_it_is_cheaper_even_over_a_higher_priority_private_pool()
    {
        using var setup = await PlacementSetup.StartAsync(factory, "cheap", kvmCpu: 100);
        using (var preview = await setup.Member.PostAsync("/api/placements/preview", Body(new JsonObject
        {
            ["size"] = setup.Size, ["imageFamily"] = setup.Family, ["placementPolicy"] = "cheapest",
        }), Ct))
        {
            var decision = await ExpectJsonAsync(preview, HttpStatusCode.OK);
            // Unpriced everywhere: cheapest falls back to the score, where the KVM pool's priority wins.
            Assert.Equal(setup.KvmPool, (string?)decision["chosen"]!["poolId"]);
        }

        // The tenant's own lines: other tests' tenants keep their (absent) prices.
        await setup.Admin.PublishBookAsync(UniqueName("rates"), DateTime.UtcNow.Date.AddDays(-1),
            [PriceBookCalls.Line("libvirt", "small", "0.05", setup.TenantId), PriceBookCalls.Line("aws", "t3.micro", "0.01", setup.TenantId)]);
        var placed = await setup.PlaceAsync(setup.Order(policy: "cheapest"));
        Assert.Equal("aws", (string?)placed["providerId"]);
        Assert.Equal("libvirt", (string?)(await setup.PlaceAsync(setup.Order()))["providerId"]); // private-first still prefers the private pool
    }
}
