using System.Net;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Drivers;
using CloudBroker.Provisioning.Pacing;
using CloudBroker.Testing.Ec2;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Reconciliations;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Reconciliation;

/// <summary>
/// The reconciler on an EC2 account (the EC2 fake, through the real SDK): it tells the broker's machines from others
/// by the installation tag that RunInstances stamped, through paginated DescribeInstances.
/// </summary>
public sealed class Ec2ReconcilerTests(Ec2ReconcilerTests.Ec2Account factory) : IClassFixture<Ec2ReconcilerTests.Ec2Account>
{
    private const string Image = "ami-0a1b2c3d4e5f60718";
    private const string Profile = "t3.micro";

    [Fact]
    public async Task Machines_tagged_with_this_installation_are_matched_or_adopted_and_others_are_left_alone()
    {
        using var client = factory.CreateAdminClient();
        var ours = await client.CreateRunningAsync(new() { ["name"] = UniqueName("ours"), ["providerId"] = "aws", ["imageId"] = Image, ["hardwareProfileId"] = Profile });
        var driver = factory.Driver("aws");
        var orphanName = UniqueName("orphan");
        var (orphan, orphanTag) = await LaunchAsync(driver, (factory.InstallationId(), "aws"), orphanName);
        var (theirs, _) = await LaunchAsync(driver, (ReconcilerFactory.OtherInstallationId, "aws"), UniqueName("theirs"));
        var (byHand, _) = await LaunchAsync(driver, null, UniqueName("by-hand"));
        await WaitForMachineAsync(driver, orphan.Id, DriverInstanceState.Running); // a machine still pending is reported, not adopted

        var run = await client.ReconcileAsync("aws");

        Assert.Equal("succeeded", (string?)run["status"]);
        Assert.Equal(1, (int)run["counts"]!["matched"]!); // the broker's own, known by its tags: nothing to say about it
        Assert.DoesNotContain(Machines(run), m => (string?)m["instanceId"] == (string)ours["id"]!);
        Assert.Equal("adopted", (string?)MachineEntry(run, orphan.Id)["action"]);
        Assert.Equal("foreign", (string?)MachineEntry(run, theirs.Id)["action"]);
        Assert.Equal("foreign", (string?)MachineEntry(run, byHand.Id)["action"]);
        Assert.All(factory.Fake.Instances.Where(i => i.Id == theirs.Id || i.Id == byHand.Id), i => Assert.NotEqual("terminated", i.State));

        using var response = await client.GetAsync("/api/instances/" + orphanTag, Ct);
        var adopted = await ExpectJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(orphanName, (string?)adopted["name"]);
        Assert.Equal(Image, (string?)adopted["imageId"]);
        Assert.Equal(Profile, (string?)adopted["hardwareProfileId"]);
    }

    [Fact]
    public async Task A_run_reads_the_inventory_within_the_providers_read_budget()
    {
        using var client = factory.CreateAdminClient();

        var run = await client.ReconcileAsync("aws-paced"); // its read bucket holds the startup catalog's three reads and one call, refilled every 100 s

        Assert.Equal("succeeded", (string?)run["status"]);
        var next = await Assert.ThrowsAsync<ProviderPacedException>(() => factory.Driver("aws-paced").ListInstancesAsync(Ct)); // the run's DescribeInstances spent the read token
        Assert.InRange(next.Until - DateTime.UtcNow, TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(100));
    }

    private static Task<(DriverInstance Machine, string TaggedInstanceId)> LaunchAsync(ICloudDriver driver, (string, string?)? madeBy, string name) =>
        MakeMachineAsync(driver, madeBy, name, Image, Profile);

    /// <summary>
    /// The reconciler's API with EC2 providers on one <see cref="Ec2Fake"/> account listing 5 per page: <c>aws</c> (orphan
    /// policy adopt) and <c>aws-paced</c> (a read budget of four calls — the catalog's three at startup, then one — refilled
    /// at one per 100 s), each with an access key of its own (two
    /// providers with one key, region and endpoint would be refused as one account).
    /// </summary>
    public sealed class Ec2Account : ReconcilerFactory, IAsyncLifetime
    {
        private Ec2Fake? _fake;

        public Ec2Fake Fake => _fake ?? throw new InvalidOperationException("the EC2 fake starts in InitializeAsync");

        private const string PacedAccessKeyId = "AKIAFAKEEC2TESTKEY02";

        public async ValueTask InitializeAsync()
        {
            _fake = await Ec2Fake.StartAsync(new Ec2FakeOptions { PendingFor = TimeSpan.FromMilliseconds(200), MaxPageSize = 5 });
            _fake.Options.AccessKeyIds.Add(PacedAccessKeyId);
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
            foreach (var id in new[] { "aws", "aws-paced" })
            {
                var prefix = $"CloudBroker:Providers:{id}:";
                settings[prefix + "Driver"] = "ec2";
                settings[prefix + "Region"] = Fake.Options.Region;
                settings[prefix + "ServiceUrl"] = Fake.ServiceUrl.ToString();
                settings[prefix + "Credentials:AccessKeyId"] = Ec2FakeOptions.DefaultAccessKeyId;
                settings[prefix + "Credentials:SecretAccessKey"] = Ec2FakeOptions.DefaultSecretAccessKey;
            }

            settings["CloudBroker:Providers:aws-paced:Credentials:AccessKeyId"] = PacedAccessKeyId;
            settings["CloudBroker:Providers:aws:OrphanPolicy"] = "adopt";
            settings["CloudBroker:Providers:aws-paced:Pacing:Read:Burst"] = "4";
            settings["CloudBroker:Providers:aws-paced:Pacing:Read:RequestsPerSecond"] = "0.01";
        }
    }
}
