using CloudBroker.Testing.Loopback;
using Microsoft.AspNetCore.Builder;

namespace CloudBroker.Testing.Ec2;

/// <summary>
/// A stateful EC2 on <c>http://127.0.0.1:&lt;free port&gt;/</c> speaking the Query API (form POST, XML answers) well
/// enough for the real AWSSDK.EC2 client: instances with timed states, client tokens, tags, filters, pages, key pairs,
/// a RunInstances token bucket and injectable faults. Start with <see cref="StartAsync"/>, dispose with <c>await using</c>.
/// </summary>
public sealed class Ec2Fake : IAsyncDisposable
{
    private readonly LoopbackServer _server;
    private readonly Ec2Accounts _accounts;
    private readonly FakeCloud _cloud;

    private Ec2Fake(LoopbackServer server, Ec2Accounts accounts)
    {
        _server = server;
        _accounts = accounts;
        _cloud = accounts.Main;
        ServiceUrl = server.Address;
    }

    /// <summary>The endpoint to give the SDK as <c>ServiceURL</c>.</summary>
    public Uri ServiceUrl { get; }

    /// <summary>The default account's options (its access key ids are <see cref="Ec2FakeOptions.AccessKeyIds"/>).</summary>
    public Ec2FakeOptions Options => _cloud.Options;

    /// <summary>Requests and outcomes over every account.</summary>
    public Ec2FakeCounters Counters => _cloud.Counters;

    /// <summary>Every instance the default account still describes, in launch order.</summary>
    public IReadOnlyList<Ec2FakeInstance> Instances => _cloud.Snapshot();

    public IReadOnlyList<Ec2FakeKeyPair> KeyPairs => _cloud.KeyPairSnapshot();

    /// <summary>
    /// Stops a running instance at once, as the AWS console (or a guest's <c>poweroff</c>) does behind the broker's back,
    /// in the account of <paramref name="accessKeyId"/> (the default account when null); <c>false</c> when there is no
    /// such running instance.
    /// </summary>
    public bool StopFromConsole(string instanceId, string? accessKeyId = null) =>
        (accessKeyId is null ? _cloud : _accounts.Find(accessKeyId) ?? throw new ArgumentException($"no account has access key id '{accessKeyId}'", nameof(accessKeyId)))
            .StopFromConsole(instanceId);

    /// <summary>
    /// Serves another AWS account, reached with <paramref name="accessKeyId"/>: its own instances, key pairs,
    /// RunInstances bucket and faults from <paramref name="options"/> (whose <c>AccessKeyIds</c> are not used).
    /// </summary>
    public void AddAccount(string accessKeyId, Ec2FakeOptions options) =>
        _accounts.Add(accessKeyId, new FakeCloud(options, Counters));

    /// <summary>The instances of the account reached with <paramref name="accessKeyId"/>.</summary>
    public IReadOnlyList<Ec2FakeInstance> InstancesOf(string accessKeyId) =>
        (_accounts.Find(accessKeyId) ?? throw new ArgumentException($"no account has access key id '{accessKeyId}'", nameof(accessKeyId))).Snapshot();

    public static async Task<Ec2Fake> StartAsync(Ec2FakeOptions? options = null, CancellationToken cancellationToken = default)
    {
        var counters = new Ec2FakeCounters();
        var accounts = new Ec2Accounts(new FakeCloud(options ?? new Ec2FakeOptions(), counters));
        var endpoint = new Ec2Endpoint(accounts, counters);
        var server = await LoopbackServer.StartAsync(app => app.Run(endpoint.HandleAsync), cancellationToken);
        return new Ec2Fake(server, accounts);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
