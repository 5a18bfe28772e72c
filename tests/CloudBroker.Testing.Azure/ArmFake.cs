using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudBroker.Testing.Azure;

/// <summary>
/// A stateful Azure Resource Manager for tests and the benchmark: HTTPS on 127.0.0.1 with a certificate made in code
/// (<see cref="CertificateFile"/>), an Entra ID client-credentials token endpoint, and Microsoft.Compute virtual
/// machines in one subscription and resource group with long-running operations, ARM-style write throttling and
/// injected faults. Start it with <see cref="StartAsync"/>, dispose it with <c>await using</c>.
/// </summary>
public sealed class ArmFake : IAsyncDisposable
{
    /// <summary>The public key the fake's provider settings give as the admin's key (the fake checks only its form).</summary>
    public const string AdminSshPublicKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIArmFakeArmFakeArmFakeArmFakeArmFakeArmFake admin@armfake";

    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;
    private readonly ArmGate _gate;
    private readonly VmStore _store;
    private readonly WriteBucket _writes;

    private ArmFake(WebApplication app, X509Certificate2 certificate, string certificateFile, ArmFakeOptions options, ArmFakeCounters counters, ArmGate gate, VmStore store, WriteBucket writes)
    {
        _app = app;
        _certificate = certificate;
        CertificateFile = certificateFile;
        Options = options;
        Counters = counters;
        _gate = gate;
        _store = store;
        _writes = writes;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Endpoint = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    /// <summary>The ARM base URL (<c>https://127.0.0.1:PORT/</c>); also the Entra authority host.</summary>
    public Uri Endpoint { get; }

    /// <summary>PEM file of the fake's self-signed certificate, for <c>TrustedCertificateFile</c>.</summary>
    public string CertificateFile { get; }

    /// <summary>The options in force; change them while the fake runs to switch faults or limits.</summary>
    public ArmFakeOptions Options { get; }

    public ArmFakeCounters Counters { get; }

    public string SubnetId => Options.EffectiveSubnetId;

    /// <summary>Every request so far, in arrival order (bounded to the first 20,000).</summary>
    public IReadOnlyList<RecordedRequest> Requests => _gate.Recorded;

    public static async Task<ArmFake> StartAsync(ArmFakeOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ArmFakeOptions();
        var certificate = FakeCertificate.Create();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(ArmFake).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();

        var counters = new ArmFakeCounters();
        var store = new VmStore(options);
        var writes = new WriteBucket(options);
        var gate = new ArmGate(options, counters, new TokenIssuer(options, counters), writes, new VmEndpoints(options, store, counters));
        app.Run(gate.HandleAsync);
        await app.StartAsync(cancellationToken);
        return new ArmFake(app, certificate, FakeCertificate.WritePem(certificate), options, counters, gate, store, writes);
    }

    /// <summary>A VM as the fake holds it (the body as sent, secrets included), or <c>null</c> when there is none.</summary>
    public FakeVmView? FindVm(string name) =>
        _store.Get(name) is { } vm ? new FakeVmView(vm.Name, (System.Text.Json.Nodes.JsonObject)vm.Sent.DeepClone(), vm.Provisioning, vm.Power) : null;

    /// <summary>
    /// Deallocates a running VM at once, as the portal does behind the broker's back; <c>false</c> when there is no such
    /// running VM.
    /// </summary>
    public bool DeallocateFromPortal(string name) => _store.DeallocateNow(name);

    /// <summary>How many VMs are in power state <paramref name="power"/> (e.g. <c>running</c>) now.</summary>
    public int CountVms(string power) => _store.List(null, int.MaxValue - 1).Page.Count(vm => vm.Power == power);

    /// <summary>
    /// The next <paramref name="count"/> writes meet a 429 (Retry-After 1 s) whenever they come, as if other clients
    /// of the subscription had just emptied its write bucket: throttling a test can count on, whatever its timing.
    /// </summary>
    public void ThrottleNextWrites(int count) => _writes.Refuse(count);

    /// <summary>
    /// Settings of an <c>azure</c> provider pointed at this fake, as configuration keys under <paramref name="prefix"/>
    /// (e.g. <c>CloudBroker:Providers:azure:</c>), credentials included.
    /// </summary>
    public IReadOnlyDictionary<string, string?> ProviderSettings(string prefix = "")
    {
        var settings = new Dictionary<string, string?>
        {
            ["Driver"] = "azure",
            ["Endpoint"] = Endpoint.AbsoluteUri,
            ["AuthorityHost"] = Endpoint.AbsoluteUri,
            ["TrustedCertificateFile"] = CertificateFile,
            ["SubscriptionId"] = Options.SubscriptionId,
            ["ResourceGroup"] = Options.ResourceGroup,
            ["Location"] = Options.Location,
            ["SubnetId"] = SubnetId,
            ["AdminUsername"] = "cloudbroker",
            ["AdminSshPublicKey"] = AdminSshPublicKey,
            ["Credentials:TenantId"] = Options.TenantId,
            ["Credentials:ClientId"] = Options.ClientId,
            ["Credentials:ClientSecret"] = Options.ClientSecret,
        };
        for (var i = 0; i < Options.Zones.Count; i++)
        {
            settings[$"Zones:{i}"] = Options.Zones[i];
        }

        return settings.ToDictionary(kv => prefix + kv.Key, kv => kv.Value);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificate.Dispose();
        File.Delete(CertificateFile);
    }
}
