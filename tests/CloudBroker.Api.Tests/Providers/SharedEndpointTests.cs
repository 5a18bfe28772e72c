using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Drivers;
using CloudBroker.Testing.Ec2;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Reconciliations;
using static CloudBroker.Api.Tests.Infrastructure.StoredProviders;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Providers;

/// <summary>
/// A provider only ever touches its own machines. Two EC2 providers reach one account of the EC2 fake with an access key
/// each (which the driver cannot tell from two accounts): each sees the other's machines, and neither its orphan policy
/// <c>destroy</c> nor <c>adopt</c> touches them. Two providers that certainly reach the same place are refused: a second
/// configured one is unavailable, one defined through the API is a 409 naming the other.
/// </summary>
public sealed class SharedEndpointTests(SharedEndpointTests.SharedAccount factory) : IClassFixture<SharedEndpointTests.SharedAccount>
{
    private const string Image = "ami-0a1b2c3d4e5f60718";
    private const string Profile = "t3.micro";

    [Fact]
    public async Task Each_provider_on_one_account_destroys_or_adopts_only_its_own_orphans_and_never_the_others_machines()
    {
        using var client = factory.CreateAdminClient();
        var installation = factory.InstallationId();
        var destroying = factory.Driver("aws-destroy");
        var adopting = factory.Driver("aws-adopt");
        var ofDestroying = (string)(await client.CreateRunningAsync(Request("aws-destroy")))["id"]!;
        var ofAdopting = (string)(await client.CreateRunningAsync(Request("aws-adopt")))["id"]!;
        var (destroyingOrphan, _) = await MakeMachineAsync(destroying, (installation, "aws-destroy"), UniqueName("orphan-d"), Image, Profile);
        var (adoptingOrphan, adoptingOrphanTag) = await MakeMachineAsync(adopting, (installation, "aws-adopt"), UniqueName("orphan-a"), Image, Profile);
        var (unattributed, _) = await MakeMachineAsync(adopting, (installation, null), UniqueName("before-tags"), Image, Profile);
        await WaitForMachineAsync(adopting, adoptingOrphan.Id, DriverInstanceState.Running);
        await WaitForMachineAsync(adopting, unattributed.Id, DriverInstanceState.Running);
        var machineOfAdopting = (await MachineOfAsync(destroying, ofAdopting)).Id; // the one account: each lists the other's machines
        var machineOfDestroying = (await MachineOfAsync(adopting, ofDestroying)).Id;

        var destroyRun = await client.ReconcileAsync("aws-destroy");

        Assert.Equal("destroyed", (string?)MachineEntry(destroyRun, destroyingOrphan.Id)["action"]);
        foreach (var theirs in new[] { machineOfAdopting, adoptingOrphan.Id })
        {
            var entry = MachineEntry(destroyRun, theirs);
            Assert.Equal("foreign", (string?)entry["action"]);
            Assert.Contains("provider 'aws-adopt'", (string?)entry["detail"], StringComparison.Ordinal);
        }

        var unattributedEntry = MachineEntry(destroyRun, unattributed.Id);
        Assert.Equal("reported", (string?)unattributedEntry["action"]);
        Assert.Contains("names no provider", (string?)unattributedEntry["detail"], StringComparison.Ordinal);
        Assert.Equal(["running", "running", "running"], factory.Fake.Instances
            .Where(i => i.Id == machineOfAdopting || i.Id == adoptingOrphan.Id || i.Id == unattributed.Id).Select(i => i.State));

        var adoptRun = await client.ReconcileAsync("aws-adopt");

        Assert.Equal("adopted", (string?)MachineEntry(adoptRun, adoptingOrphan.Id)["action"]);
        Assert.Equal("foreign", (string?)MachineEntry(adoptRun, machineOfDestroying)["action"]);
        Assert.Equal("reported", (string?)MachineEntry(adoptRun, unattributed.Id)["action"]);
        Assert.Equal(0, (int)adoptRun["counts"]!["destroyed"]!);

        // Only its own orphan became an instance of aws-adopt; aws-destroy's machine is still only aws-destroy's.
        using (var response = await client.GetAsync("/api/instances?providerId=aws-adopt&limit=500", Ct))
        {
            var ids = (await ExpectJsonAsync(response, HttpStatusCode.OK))["items"]!.AsArray().Select(i => (string)i!["id"]!).Order(StringComparer.Ordinal);
            Assert.Equal(new[] { ofAdopting, adoptingOrphanTag }.Order(StringComparer.Ordinal), ids);
        }

        foreach (var id in new[] { ofDestroying, ofAdopting })
        {
            using var response = await client.GetAsync("/api/instances/" + id, Ct);
            Assert.Equal("running", (string?)(await ExpectJsonAsync(response, HttpStatusCode.OK))["state"]);
        }
    }

    [Fact]
    public async Task A_provider_defined_through_the_api_on_the_account_of_another_is_refused_with_409_naming_it_and_not_stored()
    {
        using var admin = factory.CreateAdminClient();
        foreach (var (key, other) in new[] { (Ec2FakeOptions.DefaultAccessKeyId, "aws-destroy"), (SharedAccount.SecondAccessKeyId, "aws-adopt") })
        {
            var id = NewId("aws-again");
            using var response = await admin.PostAsync("/api/providers", Body(Ec2Body(id, key)), Ct);
            var problem = await ExpectProblemAsync(response, HttpStatusCode.Conflict, "conflict");
            Assert.Equal(other, (string?)problem["sharedWith"]);
            Assert.Equal(id, (string?)problem["providerId"]);
            Assert.Contains($"provider '{other}'", (string?)problem["detail"], StringComparison.Ordinal);
            Assert.DoesNotContain(key, problem.ToJsonString(), StringComparison.Ordinal);
            using var stored = await admin.GetAsync("/api/providers/" + id, Ct);
            await ExpectProblemAsync(stored, HttpStatusCode.NotFound, "not-found");
        }
    }

    [Fact]
    public async Task A_provider_moved_onto_the_account_of_another_is_refused_with_409_and_keeps_its_settings()
    {
        using var admin = factory.CreateAdminClient();
        var id = NewId("aws-third");

        // A third key at the same endpoint and region: perhaps the same account, which the driver cannot tell; allowed, with a warning.
        var (created, etag) = await admin.CreateProviderAsync(Ec2Body(id, "AKIAFAKEEC2TESTKEY03"));
        Assert.Equal("available", (string?)created["status"]);
        Assert.Contains($"Warning CloudBroker.Provisioning.Providers.ProviderRegistry: Providers {id} and aws-adopt may reach the same machines", factory.Logs.Text, StringComparison.Ordinal);

        using var moved = await admin.PutProviderAsync(id, Ec2Body(id, Ec2FakeOptions.DefaultAccessKeyId), etag);

        Assert.Equal("aws-destroy", (string?)(await ExpectProblemAsync(moved, HttpStatusCode.Conflict, "conflict"))["sharedWith"]);
        var kept = await admin.GetProviderAsync(id);
        Assert.Equal(created["version"]?.ToJsonString(), kept["version"]?.ToJsonString());
        Assert.Equal("available", (string?)kept["status"]);
    }

    [Fact]
    public async Task A_second_configured_provider_on_one_libvirt_host_is_unavailable_naming_the_first()
    {
        using var admin = factory.CreateAdminClient();

        var first = await admin.GetProviderAsync("libvirt");
        var second = await admin.GetProviderAsync("libvirt-again");

        Assert.Equal("available", (string?)first["status"]);
        Assert.Equal("unavailable", (string?)second["status"]);
        Assert.Contains("same machines as provider 'libvirt' (libvirt test:///default)", (string?)second["statusReason"], StringComparison.Ordinal);
        using var create = await admin.PostAsync(Request("libvirt-again"));
        await ExpectProblemAsync(create, HttpStatusCode.ServiceUnavailable, "provider-unavailable");
    }

    private static JsonObject Request(string providerId) => new()
    {
        ["name"] = UniqueName("vm"), ["providerId"] = providerId, ["imageId"] = Image, ["hardwareProfileId"] = Profile,
    };

    private JsonObject Ec2Body(string id, string accessKeyId) => new()
    {
        ["id"] = id,
        ["driver"] = "ec2",
        ["settings"] = new JsonObject { ["Region"] = factory.Fake.Options.Region, ["ServiceUrl"] = factory.Fake.ServiceUrl.ToString() },
        ["credentials"] = new JsonObject { ["AccessKeyId"] = accessKeyId, ["SecretAccessKey"] = Ec2FakeOptions.DefaultSecretAccessKey },
    };

    /// <summary>
    /// The reconciler's API with <c>aws-destroy</c> (orphan policy destroy) and <c>aws-adopt</c> (adopt) on one account of
    /// an <see cref="Ec2Fake"/>, each with its own access key; and the embedded <c>libvirt</c> test host configured twice.
    /// Every log line is captured.
    /// </summary>
    public sealed class SharedAccount : ReconcilerFactory, IAsyncLifetime
    {
        public const string SecondAccessKeyId = "AKIAFAKEEC2TESTKEY02";

        private Ec2Fake? _fake;

        public Ec2Fake Fake => _fake ?? throw new InvalidOperationException("the EC2 fake starts in InitializeAsync");

        public CapturedLogs Logs { get; } = new();

        public async ValueTask InitializeAsync()
        {
            _fake = await Ec2Fake.StartAsync(new Ec2FakeOptions { PendingFor = TimeSpan.FromMilliseconds(200) });
            _fake.Options.AccessKeyIds.Add(SecondAccessKeyId);
            _fake.Options.AccessKeyIds.Add("AKIAFAKEEC2TESTKEY03");
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            if (_fake is not null)
            {
                await _fake.DisposeAsync();
            }
        }

        protected override void AddSettings(Dictionary<string, string?> settings)
        {
            foreach (var (id, key, policy) in new[] { ("aws-destroy", Ec2FakeOptions.DefaultAccessKeyId, "destroy"), ("aws-adopt", SecondAccessKeyId, "adopt") })
            {
                var prefix = $"CloudBroker:Providers:{id}:";
                settings[prefix + "Driver"] = "ec2";
                settings[prefix + "Region"] = Fake.Options.Region;
                settings[prefix + "ServiceUrl"] = Fake.ServiceUrl.ToString();
                settings[prefix + "Credentials:AccessKeyId"] = key;
                settings[prefix + "Credentials:SecretAccessKey"] = Ec2FakeOptions.DefaultSecretAccessKey;
                settings[prefix + "OrphanPolicy"] = policy;
            }

            // Providers of the API reach the fake on loopback only where the operator allows it (the endpoint policy).
            settings["CloudBroker:ProviderEndpoints:Allow:0"] = "*";
            settings["CloudBroker:ProviderEndpoints:Allow:1"] = "127.0.0.1";
            settings["CloudBroker:Providers:libvirt:Enabled"] = "true";
            settings["CloudBroker:Providers:libvirt-again:Driver"] = "libvirt";
            settings["CloudBroker:Providers:libvirt-again:Uris:0"] = "test:///default";
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<CapturedLogs>(null, LogLevel.Trace));
        }
    }
}
