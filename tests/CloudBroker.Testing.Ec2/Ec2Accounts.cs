using System.Collections.Concurrent;

namespace CloudBroker.Testing.Ec2;

/// <summary>
/// The accounts one fake serves, found by access key id: the default one (<see cref="Ec2FakeOptions.AccessKeyIds"/>)
/// and any added with <see cref="Ec2Fake.AddAccount"/>, each with its own instances, key pairs, bucket and faults.
/// </summary>
internal sealed class Ec2Accounts(FakeCloud main)
{
    private readonly ConcurrentDictionary<string, FakeCloud> _others = new(StringComparer.Ordinal);

    public FakeCloud Main => main;

    public void Add(string accessKeyId, FakeCloud cloud)
    {
        if (main.Options.AccessKeyIds.Contains(accessKeyId) || !_others.TryAdd(accessKeyId, cloud))
        {
            throw new ArgumentException($"access key id '{accessKeyId}' already has an account", nameof(accessKeyId));
        }
    }

    public FakeCloud? Find(string? accessKeyId) =>
        accessKeyId is null ? null
        : main.Options.AccessKeyIds.Contains(accessKeyId) ? main
        : _others.GetValueOrDefault(accessKeyId);
}
