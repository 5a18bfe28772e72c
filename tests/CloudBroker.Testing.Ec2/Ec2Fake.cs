using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CloudBroker.Testing.Ec2;

/// <summary>
/// A stateful EC2 on <c>http://127.0.0.1:&lt;free port&gt;/</c> speaking the Query API (form POST, XML answers) well
/// enough for the real AWSSDK.EC2 client: instances with timed states, client tokens, tags, filters, pages, key pairs,
/// a RunInstances token bucket and injectable faults. Start with <see cref="StartAsync"/>, dispose with <c>await using</c>.
/// </summary>
public sealed class Ec2Fake : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FakeCloud _cloud;

    private Ec2Fake(WebApplication app, FakeCloud cloud, Uri serviceUrl)
    {
        _app = app;
        _cloud = cloud;
        ServiceUrl = serviceUrl;
    }

    /// <summary>The endpoint to give the SDK as <c>ServiceURL</c>.</summary>
    public Uri ServiceUrl { get; }

    public Ec2FakeOptions Options => _cloud.Options;

    public Ec2FakeCounters Counters => _cloud.Counters;

    /// <summary>Every instance the fake still describes, in launch order.</summary>
    public IReadOnlyList<Ec2FakeInstance> Instances => _cloud.Snapshot();

    public IReadOnlyList<Ec2FakeKeyPair> KeyPairs => _cloud.KeyPairSnapshot();

    public static async Task<Ec2Fake> StartAsync(Ec2FakeOptions? options = null, CancellationToken cancellationToken = default)
    {
        var cloud = new FakeCloud(options ?? new Ec2FakeOptions(), new Ec2FakeCounters());
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var endpoint = new Ec2Endpoint(cloud);
        app.Run(endpoint.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Ec2Fake(app, cloud, new Uri(address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
