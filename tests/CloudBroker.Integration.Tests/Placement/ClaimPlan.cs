using System.Text.Json.Nodes;

namespace CloudBroker.Integration.Tests.Placement;

/// <summary>
/// What one realm of a pool may hold, as the test computes it on its own (whole numbers, no floating point):
/// capacity × percent ÷ 100 − headroom per resource, <c>null</c> where the pool declares no capacity (unlimited).
/// </summary>
internal sealed record Allocatable(long? Cpu, long? MemoryMiB, long? StorageGiB)
{
    public static long? Of(long? capacity, long percent, long headroom) => capacity is { } c ? (c * percent / 100) - headroom : null;

    /// <summary>Whether <paramref name="held"/> plus <paramref name="asked"/> stays within every resource.</summary>
    public bool Fits(Resources held, Resources asked) =>
        Within(Cpu, held.Cpu + asked.Cpu) && Within(MemoryMiB, held.MemoryMiB + asked.MemoryMiB) && Within(StorageGiB, held.StorageGiB + asked.StorageGiB);

    private static bool Within(long? limit, long value) => limit is not { } l || value <= l;
}

/// <summary>vCPU, MiB and GiB together: what an order asks, a claim holds, a row has allocated.</summary>
internal readonly record struct Resources(long Cpu, long MemoryMiB, long StorageGiB)
{
    public static Resources operator +(Resources a, Resources b) => new(a.Cpu + b.Cpu, a.MemoryMiB + b.MemoryMiB, a.StorageGiB + b.StorageGiB);

    public override string ToString() => $"{Cpu} vCPU / {MemoryMiB} MiB / {StorageGiB} GiB";
}

/// <summary>A pool the test makes: its realms (empty: all), ratios, headroom, priority and the capacity it declares per realm.</summary>
internal sealed record PoolSpec(
    string Id, string ProviderId, IReadOnlyList<string> Realms, Resources Percent, Resources Headroom, int Priority,
    IReadOnlyDictionary<string, (long? Cpu, long? MemoryMiB, long? StorageGiB)> Declared)
{
    public bool Covers(string realm) => Realms.Count == 0 || Realms.Contains(realm);

    public Allocatable AllocatableIn(string realm) => Declared.TryGetValue(realm, out var d)
        ? new Allocatable(
            Allocatable.Of(d.Cpu, Percent.Cpu, Headroom.Cpu),
            Allocatable.Of(d.MemoryMiB, Percent.MemoryMiB, Headroom.MemoryMiB),
            Allocatable.Of(d.StorageGiB, Percent.StorageGiB, Headroom.StorageGiB))
        : new Allocatable(null, null, null);

    /// <summary>The body of <c>POST /api/pools</c> (or, without id and provider, of its <c>PUT</c>).</summary>
    public JsonObject Body(bool enabled) => new()
    {
        ["id"] = Id,
        ["providerId"] = ProviderId,
        ["realms"] = new JsonArray([.. Realms.Select(r => (JsonNode)r)]),
        ["overcommitPercent"] = new JsonObject { ["cpu"] = Percent.Cpu, ["memoryMiB"] = Percent.MemoryMiB, ["storageGiB"] = Percent.StorageGiB },
        ["headroom"] = new JsonObject { ["cpu"] = Headroom.Cpu, ["memoryMiB"] = Headroom.MemoryMiB, ["storageGiB"] = Headroom.StorageGiB },
        ["priority"] = Priority,
        ["enabled"] = enabled,
        ["openToAll"] = true,
        ["capacity"] = new JsonArray([.. Declared.Select(d => (JsonNode)new JsonObject
        {
            ["realmId"] = d.Key, ["cpu"] = d.Value.Cpu, ["memoryMiB"] = d.Value.MemoryMiB, ["storageGiB"] = d.Value.StorageGiB,
        })]),
    };
}

/// <summary>One create the test sends: a provider, a mock profile with sizes inside its ranges, and maybe a realm.</summary>
internal sealed record Order(string Name, string ProviderId, string Profile, Resources Size, string? RealmId)
{
    public JsonObject Body() => new()
    {
        ["name"] = Name,
        ["providerId"] = ProviderId,
        ["imageId"] = "debian-12",
        ["hardwareProfileId"] = Profile,
        ["realmId"] = RealmId,
        ["cpu"] = Size.Cpu,
        ["memoryMiB"] = Size.MemoryMiB,
        ["storageGiB"] = Size.StorageGiB,
    };
}

/// <summary>
/// The random part of the property test, all drawn from one seed so a failure replays: pools (realms, overcommit from
/// 50 to 300 %, headroom, priority, declared capacity with some resources left unlimited) and orders (the mock's
/// <c>m1-small</c> and <c>m1-medium</c> at sizes inside their ranges, half of them naming a realm).
/// </summary>
internal sealed class ClaimPlan(int seed)
{
    /// <summary>The mock provider whose creates succeed, and the one whose creates all fail (they end in error and give back).</summary>
    public const string Healthy = "mock";

    public const string Failing = "flaky";

    public static readonly string[] Realms = ["eu-1a", "eu-1b"];

    private readonly Random _random = new(seed);
    private int _orders;

    public int Seed => seed;

    public PoolSpec Pool(string id, string providerId)
    {
        var realms = _random.Next(4) switch
        {
            0 => [],
            1 => Realms,
            _ => new[] { Realms[_random.Next(Realms.Length)] },
        };
        var percent = new Resources(_random.Next(50, 301), _random.Next(50, 301), _random.Next(50, 301));
        var declared = new Dictionary<string, (long?, long?, long?)>();
        var headroom = new Resources(_random.Next(3), 512L * _random.Next(5), 10L * _random.Next(3));
        foreach (var realm in realms.Length == 0 ? Realms : realms)
        {
            var cpu = Maybe(() => _random.Next(2, 13));
            var memory = Maybe(() => 1024L * _random.Next(4, 33));
            var storage = Maybe(() => 10L * _random.Next(5, 41));

            // Headroom never above what overcommit gives, so every row may hold at least nothing.
            headroom = new Resources(
                Math.Min(headroom.Cpu, (cpu ?? long.MaxValue / 400) * percent.Cpu / 100),
                Math.Min(headroom.MemoryMiB, (memory ?? long.MaxValue / 400) * percent.MemoryMiB / 100),
                Math.Min(headroom.StorageGiB, (storage ?? long.MaxValue / 400) * percent.StorageGiB / 100));
            declared[realm] = (cpu, memory, storage);
        }

        return new PoolSpec(id, providerId, realms, percent, headroom, _random.Next(-3, 4), declared);
    }

    public Order Order(string round)
    {
        var providerId = _random.Next(5) == 0 ? Failing : Healthy;
        var realm = _random.Next(2) == 0 ? null : Realms[_random.Next(Realms.Length)];
        var name = $"c{seed % 10000}-{round}-{++_orders}";
        return _random.Next(2) == 0
            ? new Order(name, providerId, "m1-small", new Resources(1, 512L * _random.Next(1, 17), new long[] { 10, 20, 40 }[_random.Next(3)]), realm)
            : new Order(name, providerId, "m1-medium", new Resources(new long[] { 1, 2, 4 }[_random.Next(3)], 1024L * _random.Next(1, 17), 10L * _random.Next(2, 21)), realm);
    }

    /// <summary>Each of <paramref name="items"/> with probability <paramref name="share"/>.</summary>
    public List<T> Some<T>(IEnumerable<T> items, double share) => [.. items.Where(_ => _random.NextDouble() < share)];

    public bool Chance(double share) => _random.NextDouble() < share;

    private long? Maybe(Func<long> value) => _random.Next(6) == 0 ? null : value();
}
