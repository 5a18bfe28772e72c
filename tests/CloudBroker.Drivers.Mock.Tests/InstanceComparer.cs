namespace CloudBroker.Drivers.Mock.Tests;

/// <summary>Compares driver instances by value, lists and tags included (records compare those by reference).</summary>
internal sealed class InstanceComparer : IEqualityComparer<DriverInstance?>
{
    private static readonly IReadOnlyDictionary<string, string> NoTags = new Dictionary<string, string>();
    private static readonly IReadOnlyList<string> NoAddresses = [];

    public static InstanceComparer Instance { get; } = new();

    public bool Equals(DriverInstance? x, DriverInstance? y) =>
        x is null || y is null
            ? x is null && y is null
            : Scalars(x) == Scalars(y)
              && x.Addresses.SequenceEqual(y.Addresses)
              && x.Tags.OrderBy(t => t.Key).SequenceEqual(y.Tags.OrderBy(t => t.Key));

    public int GetHashCode(DriverInstance? obj) => obj?.Id.GetHashCode(StringComparison.Ordinal) ?? 0;

    private static DriverInstance Scalars(DriverInstance instance) => instance with { Addresses = NoAddresses, Tags = NoTags };
}
