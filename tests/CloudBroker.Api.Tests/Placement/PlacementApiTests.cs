using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Api.Tests.Quotas;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Placement;

/// <summary>
/// The preview (every filter and weigher, nothing claimed), why an instance is where it is (readable by who may read
/// the instance), anti-affinity, the quota filter and the orders refused before any decision. SQLite and PostgreSQL.
/// </summary>
public sealed class PlacementApiTests(BurstingFactory factory) : IClassFixture<BurstingFactory>
{
    private static readonly string[] Filters = ["health", "realm", "capabilities", "image", "size", "quota", "anti-affinity", "capacity", "policy"];

    [Fact]
    public async Task The_preview_shows_every_filters_verdict_and_every_weighers_part_and_claims_nothing()
    {
        using var setup = await PlacementSetup.StartAsync(factory, "preview", kvmCpu: 4);

        using var response = await setup.Member.PostAsync("/api/placements/preview", Body(new JsonObject { ["size"] = setup.Size, ["imageFamily"] = setup.Family }), Ct);
        var decision = await ExpectJsonAsync(response, HttpStatusCode.OK);

        Assert.Equal(Filters, Strings(decision["filters"]));
        Assert.Equal(["priority", "price", "spread", "failures", "anti-affinity"], Strings(decision["weighers"]));
        Assert.Equal(setup.KvmPool, (string?)decision["chosen"]!["poolId"]);
        Assert.Equal("flex", (string?)decision["chosen"]!["hardwareProfileId"]);
        var candidates = decision["candidates"]!.AsArray().Select(c => c!.AsObject()).ToList();
        Assert.Equal(1 + factory.Zones.Count, candidates.Count);
        Assert.All(candidates, c => Assert.Equal(Filters, c["filters"]!.AsArray().Select(f => (string)f!["filter"]!)));
        var kvm = Assert.Single(candidates, c => (bool)c["passed"]!);
        Assert.Equal(1, (int)kvm["rank"]!);
        Assert.Equal("private", (string?)kvm["cloud"]);
        Assert.Equal(["priority", "price", "spread", "failures", "anti-affinity"], kvm["scores"]!.AsObject().Select(p => p.Key));
        Assert.All(candidates.Where(c => (string?)c["poolId"] == setup.Ec2Pool), c =>
        {
            Assert.Equal("public", (string?)c["cloud"]);
            Assert.Equal("policy", (string?)c["refusedBy"]);
            Assert.All(c["filters"]!.AsArray().Where(f => (string?)f!["filter"] != "policy"), f => Assert.True((bool)f!["passed"]!));
        });

        var (pool, _) = await setup.Admin.GetPoolAsync(setup.KvmPool);
        Assert.Equal(0, (long)pool.Realm("local")["allocated"]!["cpu"]!);
        using var instances = await setup.Member.GetAsync("/api/instances", Ct);
        Assert.Empty((await ExpectJsonAsync(instances, HttpStatusCode.OK))["items"]!.AsArray());
    }

    [Fact]
    public async Task An_instances_placement_is_recorded_and_readable_only_by_who_may_read_the_instance()
    {
        using var setup = await PlacementSetup.StartAsync(factory, "why", kvmCpu: 4, withEc2: false);
        var placed = await setup.PlaceAsync(setup.Order());
        var path = $"/api/instances/{(string)placed["id"]!}/placement";

        using (var read = await setup.Member.GetAsync(path, Ct))
        {
            var placement = await ExpectJsonAsync(read, HttpStatusCode.OK);
            Assert.Equal("libvirt", (string?)placement["providerId"]);
            Assert.Equal(setup.KvmPool, (string?)placement["poolId"]);
            Assert.Equal("local", (string?)placement["realmId"]);
            Assert.Equal(setup.KvmPool, (string?)placement["decision"]!["chosen"]!["poolId"]);
            AssertTimestamp(placement["decision"]!["decidedAt"]);
        }

        var (_, stranger) = await factory.NewTenantAsync("stranger");
        using (stranger)
        {
            using var theirs = await stranger.GetAsync(path, Ct);
            await ExpectProblemAsync(theirs, HttpStatusCode.NotFound, "not-found");
        }

        // A create that named its provider was not placed by the broker.
        var named = await setup.PlaceAsync(new JsonObject { ["name"] = UniqueName("named"), ["providerId"] = "libvirt", ["imageId"] = "blank", ["hardwareProfileId"] = "small" });
        using var none = await setup.Member.GetAsync($"/api/instances/{(string)named["id"]!}/placement", Ct);
        await ExpectProblemAsync(none, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Anti_affinity_keeps_a_group_apart_when_required_and_only_prefers_it_otherwise()
    {
        using var setup = await PlacementSetup.StartAsync(factory, "apart", kvmCpu: 100, withEc2: false);
        var required = new JsonObject { ["group"] = "web", ["required"] = true };

        Assert.Equal("local", (string?)(await setup.PlaceAsync(setup.Order(antiAffinity: required.DeepClone().AsObject())))["realmId"]);
        var refused = await setup.RefusedAsync(setup.Order(antiAffinity: required.DeepClone().AsObject()));
        Assert.Equal("anti-affinity", (string?)Assert.Single(refused)!["refusedBy"]);
        Assert.Equal("local", (string?)(await setup.PlaceAsync(setup.Order(antiAffinity: new JsonObject { ["group"] = "web" })))["realmId"]); // when possible only
        Assert.Equal("local", (string?)(await setup.PlaceAsync(setup.Order(antiAffinity: new JsonObject { ["group"] = "db", ["required"] = true })))["realmId"]);

        // With the EC2 pool open too, the group's next machine goes to another realm: the private one refuses it.
        await setup.OpenPoolAsync(setup.Ec2Pool, "aws");
        var apart = await setup.PlaceAsync(setup.Order(antiAffinity: required.DeepClone().AsObject()));
        Assert.Equal("aws", (string?)apart["providerId"]);
    }

    [Fact]
    public async Task The_quota_filter_refuses_what_the_callers_quota_has_no_room_for()
    {
        using var setup = await PlacementSetup.StartAsync(factory, "quota", kvmCpu: 100);
        await setup.Admin.SetQuotaAsync("tenant", setup.TenantId, new JsonObject { ["cpu"] = 0 });

        var refused = await setup.RefusedAsync(setup.Order());

        Assert.All(refused, c => Assert.Equal("quota", (string?)c!["refusedBy"]));
        Assert.Contains("cpu", (string?)refused[0]!["reason"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Orders_are_checked_before_any_decision_and_a_tenant_with_no_pool_is_told_so()
    {
        using var setup = await PlacementSetup.StartAsync(factory, "checks", kvmCpu: 1);
        using (var size = await setup.Member.PostAsync(setup.Order().Also("size", "nothing-like-it")))
        {
            var problem = await ExpectFieldErrorAsync(size, "/size");
            Assert.Contains(setup.Size, problem.ToJsonString(), StringComparison.Ordinal); // the sizes there are
        }

        using (var both = await setup.Member.PostAsync(setup.Order().Also("providerId", "libvirt").Also("imageId", "blank").Also("hardwareProfileId", "small")))
        {
            await ExpectFieldErrorAsync(both, "/size");
        }

        using (var image = await setup.Member.PostAsync(setup.Order().Also("imageId", "blank")))
        {
            await ExpectFieldErrorAsync(image, "/imageId");
        }

        using (var policy = await setup.Member.PostAsync(setup.Order(policy: "anywhere")))
        {
            await ExpectFieldErrorAsync(policy, "/placementPolicy");
        }

        using (var group = await setup.Member.PostAsync(setup.Order(antiAffinity: new JsonObject { ["required"] = true })))
        {
            await ExpectFieldErrorAsync(group, "/antiAffinity/group");
        }

        var (_, lonely) = await factory.NewTenantAsync("lonely");
        using (lonely)
        {
            using var nothing = await lonely.PostAsync(setup.Order());
            var problem = await ExpectProblemAsync(nothing, HttpStatusCode.Conflict, "no-valid-placement");
            Assert.Empty(problem["candidates"]!.AsArray());
            Assert.Equal(0, (int)problem["candidateCount"]!);
        }
    }
}
