using CloudBroker.Drivers;
using CloudBroker.Placement;
using CloudBroker.Placement.Inventory;
using CloudBroker.Placement.Placing;
using CloudBroker.Placement.Pools;
using CloudBroker.Provisioning.Providers;
using Xunit;

namespace CloudBroker.Api.Tests.Placement;

/// <summary>The engine alone, over hand-made snapshots: each filter refuses what it must, each weigher ranks as it says, the policy bursts.</summary>
public sealed class PlacementEngineTests
{
    private static readonly PlacementEngine Engine = PlacementEngine.From(new PlacementOptions());

    [Fact]
    public void Each_filter_names_itself_on_the_candidate_it_refuses()
    {
        var snapshot = Snapshot(
            [Provider("kvm"), Provider("down", status: ProviderStatus.Unavailable), Provider("nokey", capabilities: new HashSet<string>()), Provider("tiny", profiles: [Profile("xs", 1, 512)]),
             Provider("noimage"), Provider("full")],
            [Pool("kvm"), Pool("down"), Pool("nokey"), Pool("tiny"), Pool("noimage"), Pool("full")],
            [Row("full", "r1", cpu: 4, allocatedCpu: 4)]);
        var images = new Dictionary<string, string> { ["kvm"] = "img", ["down"] = "img", ["nokey"] = "img", ["tiny"] = "img", ["full"] = "img" };

        var decision = Engine.Decide(Order(images: images, capabilities: [Capability.SshKey]), snapshot);

        Assert.Equal("kvm", Assert.Single(decision.Passing).Pool.Id);
        Assert.Equal("health", RefusedBy(decision, "down"));
        Assert.Equal("capabilities", RefusedBy(decision, "nokey"));
        Assert.Equal("size", RefusedBy(decision, "tiny"));
        Assert.Equal("image", RefusedBy(decision, "noimage"));
        Assert.Equal("capacity", RefusedBy(decision, "full"));
    }

    [Fact]
    public void Quota_realm_and_pool_constraints_refuse_and_pools_not_open_to_the_tenant_are_not_candidates_at_all()
    {
        var snapshot = Snapshot([Provider("kvm"), Provider("other")], [Pool("kvm"), Pool("other", openToAll: false)], []);

        Assert.DoesNotContain(Engine.Decide(Order(), snapshot).Candidates, c => c.Pool.Id == "other");
        Assert.Equal("quota", RefusedBy(Engine.Decide(Order(quota: new QuotaRoom(null, 1, null, null)), snapshot), "kvm"));
        Assert.Equal("quota", RefusedBy(Engine.Decide(Order(providerQuota: new() { ["kvm"] = new QuotaRoom(0, null, null, null) }), snapshot), "kvm"));
        Assert.Equal("realm", RefusedBy(Engine.Decide(Order(realm: "r9"), snapshot), "kvm"));
        Assert.Equal("realm", RefusedBy(Engine.Decide(Order(pool: "elsewhere"), snapshot), "kvm"));
    }

    [Fact]
    public void Private_first_bursts_to_a_public_cloud_only_when_no_private_pool_passes_and_private_only_never_does()
    {
        ProviderView[] providers = [Provider("kvm"), Provider("ec2", isPublic: true)];
        var roomy = Snapshot(providers, [Pool("kvm"), Pool("ec2")], [Row("kvm", "r1", cpu: 8)]);
        var full = Snapshot(providers, [Pool("kvm"), Pool("ec2")], [Row("kvm", "r1", cpu: 8, allocatedCpu: 8)]);

        var first = Engine.Decide(Order(), roomy);
        Assert.Equal("kvm", first.Passing.First().Pool.Id);
        Assert.Equal("policy", RefusedBy(first, "ec2"));
        Assert.Equal(["kvm", "ec2"], first.ByPlace().Select(place => place[0].Pool.Id)); // ec2 on standby: the private claim may refuse at the save
        Assert.Equal("ec2", Engine.Decide(Order(), full).Passing.First().Pool.Id);

        var privateOnly = Engine.Decide(Order(policy: PlacementPolicy.PrivateOnly), full);
        Assert.Empty(privateOnly.Passing);
        Assert.Empty(privateOnly.ByPlace());
        Assert.Equal("capacity", RefusedBy(privateOnly, "kvm"));
        Assert.Equal("policy", RefusedBy(privateOnly, "ec2"));
    }

    [Fact]
    public void Cheapest_orders_by_the_hourly_price_whatever_the_priorities()
    {
        var snapshot = Snapshot([Provider("kvm"), Provider("ec2", isPublic: true)], [Pool("kvm", priority: 100), Pool("ec2")], []);
        var order = Order(policy: PlacementPolicy.Cheapest, price: provider => provider == "ec2" ? 0.01m : 0.05m);

        var decision = Engine.Decide(order, snapshot);

        Assert.Equal(["ec2", "kvm"], decision.Passing.Select(c => c.Pool.Id));
        Assert.Equal("kvm", Engine.Decide(order with { Policy = PlacementPolicy.PrivateFirst }, snapshot).Passing.First().Pool.Id);
    }

    [Fact]
    public void Weighers_are_normalised_to_0_1_times_their_multiplier_and_spread_prefers_the_emptiest_realm()
    {
        var kvm = Provider("kvm", realms: ["r1", "r2", "r3"]);
        var snapshot = Snapshot([kvm], [Pool("kvm")], [Row("kvm", "r1", cpu: 8, allocatedCpu: 6), Row("kvm", "r2", cpu: 8), Row("kvm", "r3", cpu: 8, allocatedCpu: 2)]);

        var spread = Engine.Decide(Order(), snapshot);
        Assert.Equal(["r2", "r3", "r1"], spread.Passing.Select(c => c.RealmId));
        var parts = spread.Passing.First().Parts;
        Assert.Equal(1.0, parts[spread.Weighers.ToList().IndexOf("spread")]);
        Assert.Equal(0.0, spread.Passing.Last().Parts[spread.Weighers.ToList().IndexOf("spread")]);
        Assert.All(spread.Passing, c => Assert.Equal(c.Parts.Sum(), c.Score, 9));

        var pack = PlacementEngine.From(new PlacementOptions { Pack = true }).Decide(Order(), snapshot);
        Assert.Equal(["r1", "r3", "r2"], pack.Passing.Select(c => c.RealmId));
    }

    [Fact]
    public void Failure_penalty_and_priority_rank_providers()
    {
        var snapshot = Snapshot([Provider("good"), Provider("failing", failureRate: 0.5)], [Pool("good"), Pool("failing")], []);
        Assert.Equal("good", Engine.Decide(Order(), snapshot).Passing.First().Pool.Id);

        var prioritised = Snapshot([Provider("good"), Provider("other")], [Pool("good"), Pool("other", priority: 5)], []);
        Assert.Equal("other", Engine.Decide(Order(), prioritised).Passing.First().Pool.Id);
    }

    [Fact]
    public void Anti_affinity_avoids_occupied_realms_when_possible_and_refuses_them_when_required()
    {
        var snapshot = Snapshot([Provider("kvm", realms: ["r1", "r2"])], [Pool("kvm")], [Row("kvm", "r1", cpu: 100), Row("kvm", "r2", cpu: 100, allocatedCpu: 90)]);
        var occupied = new Dictionary<string, int> { ["kvm/r1"] = 1 };

        var soft = Engine.Decide(Order(affinity: new AntiAffinity("web", false), occupied: occupied), snapshot);
        Assert.Equal("r2", soft.Passing.First().RealmId); // despite r1 being far emptier
        Assert.Equal(2, soft.PassingCount);

        var required = Engine.Decide(Order(affinity: new AntiAffinity("web", true), occupied: new() { ["kvm/r1"] = 1, ["kvm/r2"] = 1 }), snapshot);
        Assert.Empty(required.Passing);
        Assert.All(required.Candidates, c => Assert.Equal("anti-affinity", c.Refusal!.Filter));
    }

    [Fact]
    public void Explaining_runs_every_filter_on_every_candidate_and_places_group_realms_per_provider()
    {
        var snapshot = Snapshot([Provider("kvm", realms: ["r1", "r2"]), Provider("down", status: ProviderStatus.Unavailable)], [Pool("kvm"), Pool("down")], []);

        var explained = Engine.Decide(Order(), snapshot, explain: true);

        Assert.All(explained.Candidates, c => Assert.Equal(explained.Filters, c.Verdicts!.Select(v => v.Filter)));
        Assert.Contains(explained.Candidates.Single(c => c.Pool.Id == "down").Verdicts!, v => v is { Filter: "health", Passed: false });
        var places = explained.ByPlace();
        Assert.Equal(2, places.Count); // realm choice: one place per realm, the driver is told which
        Assert.All(places, p => Assert.Single(p));
    }

    private static string? RefusedBy(PlacementDecision decision, string poolId) => decision.Candidates.First(c => c.Pool.Id == poolId).Refusal?.Filter;

    private static PlacementOrder Order(
        Dictionary<string, string>? images = null, IReadOnlyCollection<string>? capabilities = null, string? realm = null, string? pool = null,
        PlacementPolicy policy = PlacementPolicy.PrivateFirst, QuotaRoom? quota = null, Dictionary<string, QuotaRoom>? providerQuota = null,
        AntiAffinity? affinity = null, Dictionary<string, int>? occupied = null, Func<string, decimal>? price = null) =>
        new("t1", "g1", 2, 2048, 10, images ?? new DefaultImages(), capabilities ?? [], pool, realm, policy, affinity, quota ?? QuotaRoom.Unlimited,
            providerQuota ?? [], occupied ?? [], (provider, _, _, _, _) => price?.Invoke(provider) ?? 0);

    private static ProviderView Provider(
        string id, ProviderStatus status = ProviderStatus.Available, bool isPublic = false, double failureRate = 0, IReadOnlySet<string>? capabilities = null,
        IReadOnlyList<HardwareProfile>? profiles = null, IReadOnlyList<string>? realms = null) =>
        new(id, capabilities ?? new HashSet<string>(Capability.All), status, isPublic, failureRate, profiles ?? [Profile("m", 2, 2048), Profile("l", 4, 8192)],
            [new Image("img", "img", "", "x86_64")], realms ?? ["r1"]);

    private static HardwareProfile Profile(string id, long cpu, long memoryMiB) =>
        new(id, id, ProfileProperty.Fixed(cpu), ProfileProperty.Fixed(memoryMiB), ProfileProperty.Fixed(20), "x86_64");

    private static Pool Pool(string provider, int priority = 0, bool openToAll = true) =>
        new() { Id = provider, ProviderId = provider, OpenToAll = openToAll, Priority = priority };

    private static PoolInventory Row(string pool, string realm, long cpu, long allocatedCpu = 0) =>
        new() { Id = PoolInventory.IdOf(pool, realm), PoolId = pool, RealmId = realm, CapacityCpu = cpu, AllocatedCpu = allocatedCpu };

    private static PlacementSnapshot Snapshot(IEnumerable<ProviderView> providers, IReadOnlyList<Pool> pools, IEnumerable<PoolInventory> rows) =>
        new(pools, rows.ToDictionary(r => r.Id), providers.ToDictionary(p => p.Id), DateTime.UtcNow);

    /// <summary>Every provider maps the family to "img".</summary>
    private sealed class DefaultImages : Dictionary<string, string>, IReadOnlyDictionary<string, string>
    {
        bool IReadOnlyDictionary<string, string>.ContainsKey(string key) => true;

        bool IReadOnlyDictionary<string, string>.TryGetValue(string key, out string value)
        {
            value = "img";
            return true;
        }
    }
}
