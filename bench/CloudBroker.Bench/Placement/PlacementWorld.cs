using CloudBroker.Drivers;
using CloudBroker.Placement.Inventory;
using CloudBroker.Placement.Placing;
using CloudBroker.Placement.Pools;
using CloudBroker.Provisioning.Providers;

namespace CloudBroker.Bench.Placement;

/// <summary>
/// A generated estate for the placement scenario, all from one seed: <see cref="Providers"/> providers of
/// <see cref="RealmsPerProvider"/> realms each (10,000 realms), ten pools per provider each covering ten of its realms
/// (1,000 pools, one inventory row per realm), a fifth of the providers public (unlimited rows), most pools open to a
/// few of <see cref="Tenants"/> tenants and some to all, random ratios, headroom, priorities, capacities and how full
/// each row is; a few providers degraded or unavailable. Orders: random tenants, sizes, policies, some with soft
/// anti-affinity, a price function per provider.
/// </summary>
internal sealed class PlacementWorld
{
    public const int Providers = 100;
    public const int RealmsPerProvider = 100;
    public const int PoolsPerProvider = 10;
    public const int Tenants = 50;

    private static readonly HardwareProfile[] Profiles =
    [
        new("small", "Small", ProfileProperty.Fixed(1), ProfileProperty.Range(512, 8192, 512, 2048), ProfileProperty.Enum([10, 20, 40], 20), "x86_64"),
        new("medium", "Medium", ProfileProperty.Enum([1, 2, 4], 2), ProfileProperty.Range(1024, 16384, 1024, 4096), ProfileProperty.Range(20, 200, 10, 40), "x86_64"),
        new("large", "Large", ProfileProperty.Enum([4, 8], 8), ProfileProperty.Range(8192, 65536, 1024, 32768), ProfileProperty.Range(40, 400, 20, 100), "x86_64"),
        new("xlarge", "XLarge", ProfileProperty.Fixed(16), ProfileProperty.Fixed(131072), ProfileProperty.Fixed(400), "x86_64"),
    ];

    private static readonly IReadOnlySet<string> AllCapabilities = new HashSet<string>
    {
        Capability.UserData, Capability.SshKey, Capability.StartStop, Capability.Reboot, Capability.RealmChoice, Capability.ProfileRanges, Capability.Capacity,
    };

    private readonly Random _random;
    private readonly Dictionary<string, decimal> _priceFactor = [];
    private readonly Dictionary<string, string> _images = [];

    public PlacementWorld(int seed)
    {
        _random = new Random(seed);
        var pools = new List<Pool>();
        var rows = new Dictionary<string, PoolInventory>(StringComparer.Ordinal);
        var providers = new Dictionary<string, ProviderView>(StringComparer.Ordinal);
        for (var p = 0; p < Providers; p++)
        {
            var providerId = $"prov-{p:D3}";
            var isPublic = p % 5 == 4;
            var realms = Enumerable.Range(0, RealmsPerProvider).Select(r => $"{providerId}-r{r:D3}").ToList();
            var status = _random.Next(100) switch { < 2 => ProviderStatus.Unavailable, < 5 => ProviderStatus.Degraded, _ => ProviderStatus.Available };
            providers[providerId] = new ProviderView(providerId, AllCapabilities, status, isPublic, _random.NextDouble() * 0.2, Profiles,
                [new Image("debian-12-" + providerId, "Debian 12", "Debian 12", "x86_64")], realms);
            _images[providerId] = "debian-12-" + providerId;
            _priceFactor[providerId] = 0.8m + (decimal)_random.Next(0, 80) / 100m + (isPublic ? 0.5m : 0m);
            for (var k = 0; k < PoolsPerProvider; k++)
            {
                var pool = NewPool($"{providerId}-pool{k}", providerId, realms.Skip(k * (RealmsPerProvider / PoolsPerProvider)).Take(RealmsPerProvider / PoolsPerProvider));
                pools.Add(pool);
                foreach (var realm in pool.Realms)
                {
                    var row = NewRow(pool, realm, isPublic);
                    rows[row.Id] = row;
                }
            }
        }

        Snapshot = new PlacementSnapshot(pools, rows, providers, DateTime.UtcNow);
    }

    public PlacementSnapshot Snapshot { get; }

    /// <summary><paramref name="count"/> random orders over this estate.</summary>
    public PlacementOrder[] Orders(int count) => [.. Enumerable.Range(0, count).Select(_ => NewOrder())];

    private Pool NewPool(string id, string providerId, IEnumerable<string> realms) => new()
    {
        Id = id,
        ProviderId = providerId,
        Realms = [.. realms],
        CpuRatio = 1 + (_random.Next(0, 5) * 0.5),
        MemoryRatio = 1 + (_random.Next(0, 3) * 0.5),
        StorageRatio = 1,
        HeadroomCpu = _random.Next(0, 3),
        HeadroomMemoryMiB = 1024L * _random.Next(0, 4),
        Priority = _random.Next(-3, 4),
        Enabled = _random.Next(100) >= 3,
        OpenToAll = _random.Next(100) < 20,
        TenantIds = [.. Enumerable.Range(0, 3).Select(_ => Tenant(_random.Next(Tenants)))],
        GroupIds = [Group(_random.Next(Tenants))],
        CreatedAt = DateTime.UtcNow,
        UpdatedAt = DateTime.UtcNow,
    };

    private PoolInventory NewRow(Pool pool, string realm, bool isPublic)
    {
        var cpu = isPublic ? (long?)null : _random.Next(16, 129);
        var memory = isPublic ? (long?)null : 1024L * _random.Next(64, 513);
        var storage = isPublic ? (long?)null : 100L * _random.Next(10, 101);
        var fill = _random.NextDouble() * 1.1; // some rows full, a few past full (machines found at the provider)
        return new PoolInventory
        {
            Id = PoolInventory.IdOf(pool.Id, realm),
            PoolId = pool.Id,
            RealmId = realm,
            CapacityCpu = cpu,
            CapacityMemoryMiB = memory,
            CapacityStorageGiB = storage,
            AllocatedCpu = (long)((cpu ?? 64) * pool.CpuRatio * fill),
            AllocatedMemoryMiB = (long)((memory ?? 262144) * pool.MemoryRatio * fill),
            AllocatedStorageGiB = (long)((storage ?? 5000) * fill),
            Generation = _random.Next(1, 1000),
        };
    }

    private PlacementOrder NewOrder()
    {
        var tenant = _random.Next(Tenants);
        var occupied = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = _random.Next(0, 4); i > 0; i--)
        {
            var p = _random.Next(Providers);
            occupied[PlacementOrder.PlaceKey($"prov-{p:D3}", $"prov-{p:D3}-r{_random.Next(RealmsPerProvider):D3}")] = 1;
        }

        return new PlacementOrder(
            Tenant(tenant),
            Group(tenant),
            new long[] { 1, 2, 4, 8 }[_random.Next(4)],
            1024L * _random.Next(1, 17),
            10L * _random.Next(2, 11),
            _images,
            _random.Next(2) == 0 ? [Capability.SshKey] : [],
            null,
            null,
            (PlacementPolicy)_random.Next(3),
            _random.Next(5) == 0 ? new AntiAffinity("web", Required: false) : null,
            QuotaRoom.Unlimited,
            new Dictionary<string, QuotaRoom>(),
            occupied,
            Price);
    }

    /// <summary>A price list per provider: vCPU and GiB-hours times the provider's factor (public clouds dearer).</summary>
    private decimal Price(string providerId, HardwareProfile profile, long cpu, long memoryMiB, long storageGiB) =>
        ((cpu * 0.02m) + (memoryMiB / 1024m * 0.004m) + (storageGiB * 0.0001m)) * _priceFactor[providerId];

    private static string Tenant(int i) => $"tenant-{i:D2}";

    private static string Group(int i) => $"group-{i:D2}";
}
