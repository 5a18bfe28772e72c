using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Testing.Ec2;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Placement;

/// <summary>
/// A private cloud and a public one: the quick start's <c>libvirt</c> provider (libvirt's <c>test:///default</c> host,
/// realm <c>local</c>) and <c>aws</c>, an EC2 account on the <see cref="Ec2Fake"/> (its driver declares a public cloud).
/// The mock providers are off. Both default pools are closed once (<see cref="ReadyAsync"/>), so each test draws only
/// from the pools it opens to its own tenant (<see cref="PlacementSetup"/>). Capacity is read once, at start.
/// </summary>
public sealed class BurstingFactory : ApiFactory, IAsyncLifetime
{
    public const string KvmImage = "blank";
    public const string Ec2Image = "ami-0a1b2c3d4e5f60718";

    private readonly SemaphoreSlim _ready = new(1, 1);
    private Ec2Fake? _fake;
    private bool _closed;

    public Ec2Fake Fake => _fake ?? throw new InvalidOperationException("the EC2 fake starts in InitializeAsync");

    protected override bool KeepEmbeddedLibvirt => true;

    /// <summary>The EC2 account's availability zones (its realms).</summary>
    public IReadOnlyList<string> Zones => [.. Fake.Options.Zones!];

    public async ValueTask InitializeAsync()
    {
        var options = new Ec2FakeOptions { PendingFor = TimeSpan.FromMilliseconds(200) };
        options.Zones = [options.Region + "a", options.Region + "b"];
        _fake = await Ec2Fake.StartAsync(options);
    }

    /// <summary>Closes both default pools to everyone, once the refresher made them (its first round).</summary>
    public async Task ReadyAsync()
    {
        await _ready.WaitAsync(Ct);
        try
        {
            if (!_closed)
            {
                using var admin = CreateAdminClient();
                await admin.WaitForProviderCapacityAsync("libvirt", "local");
                await admin.SetPoolAsync("libvirt", new JsonObject { ["openToAll"] = false });
                await admin.SetPoolAsync("aws", new JsonObject { ["openToAll"] = false });
                _closed = true;
            }
        }
        finally
        {
            _ready.Release();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _ready.Dispose();
        if (_fake is not null)
        {
            await _fake.DisposeAsync();
        }
    }

    protected override void AddSettings(Dictionary<string, string?> settings)
    {
        foreach (var off in new[] { "mock", "lite", "flaky", "broken" })
        {
            settings[$"CloudBroker:Providers:{off}:Enabled"] = "false";
        }

        const string prefix = "CloudBroker:Providers:aws:";
        settings[prefix + "Driver"] = "ec2";
        settings[prefix + "Region"] = Fake.Options.Region;
        settings[prefix + "ServiceUrl"] = Fake.ServiceUrl.ToString();
        settings[prefix + "Credentials:AccessKeyId"] = Ec2FakeOptions.DefaultAccessKeyId;
        settings[prefix + "Credentials:SecretAccessKey"] = Ec2FakeOptions.DefaultSecretAccessKey;
        settings["CloudBroker:Placement:InventoryRefreshInterval"] = "01:00:00";
    }
}
