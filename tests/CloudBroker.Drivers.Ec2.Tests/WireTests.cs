using System.Text;
using Xunit;

namespace CloudBroker.Drivers.Ec2.Tests;

/// <summary>What the driver puts on the wire, read back from the fake's state and counters.</summary>
public sealed class WireTests : Ec2TestBase
{
    [Fact]
    public async Task The_broker_token_is_the_ClientToken_so_a_retried_create_makes_no_second_machine()
    {
        var driver = Harness.Open();
        var spec = Ec2Specs.Micro(token: "op-0192f0c1-retry");

        var first = await driver.CreateInstanceAsync(spec, Ct);
        var second = await driver.CreateInstanceAsync(spec, Ct);

        Assert.Equal(first.Id, second.Id);
        var machine = Assert.Single(Harness.Fake.Instances);
        Assert.Equal("op-0192f0c1-retry", machine.ClientToken);
        Assert.Equal(2, Harness.Fake.Counters.Requests("RunInstances"));
        Assert.Equal(1, Harness.Fake.Counters.InstancesCreated);
    }

    [Fact]
    public async Task A_token_longer_than_EC2_allows_is_sent_as_its_hash_and_stays_idempotent()
    {
        var driver = Harness.Open();
        var spec = Ec2Specs.Micro(token: new string('t', 100));

        var first = await driver.CreateInstanceAsync(spec, Ct);
        var second = await driver.CreateInstanceAsync(spec, Ct);

        Assert.Equal(first.Id, second.Id);
        var token = Assert.Single(Harness.Fake.Instances).ClientToken;
        Assert.Equal(64, token.Length);
        Assert.Equal(Ec2ClientTokens.For(spec.IdempotencyToken), token);
        Assert.NotEqual(Ec2ClientTokens.For(new string('t', 101)), token);
    }

    [Fact]
    public async Task Broker_tags_and_the_name_are_set_at_launch_and_read_back()
    {
        var driver = Harness.Open();
        var spec = Ec2Specs.Micro();

        var created = await driver.CreateInstanceAsync(spec, Ct);

        var machine = Assert.Single(Harness.Fake.Instances);
        Assert.Equal(spec.Tags[BrokerTags.InstallationId], machine.Tags[BrokerTags.InstallationId]);
        Assert.Equal(spec.Tags[BrokerTags.InstanceId], machine.Tags[BrokerTags.InstanceId]);
        Assert.Equal("web-1", machine.Tags["Name"]);
        var read = await driver.GetInstanceAsync(created.Id, Ct);
        Assert.NotNull(read);
        Assert.Equal("web-1", read.Name);
        Assert.Equal(spec.Tags[BrokerTags.InstanceId], read.Tags[BrokerTags.InstanceId]);
        Assert.Equal(("t3.micro", Ec2Specs.DebianAmd64), (read.HardwareProfileId, read.ImageId));
        Assert.Equal(DriverInstanceState.Pending, created.State);
        Assert.Equal("pending", created.NativeState);
        Assert.NotEmpty(read.Addresses);
    }

    [Fact]
    public async Task User_data_is_sent_base64_and_the_chosen_zone_as_placement()
    {
        var driver = Harness.Open(("SubnetId", "subnet-0abc"), ("SecurityGroupIds", "sg-01, sg-02"));
        var spec = Ec2Specs.Micro(realmId: "us-east-1c") with { UserData = "#cloud-config\nruncmd: [echo hé]\n" };

        var created = await driver.CreateInstanceAsync(spec, Ct);

        var machine = Assert.Single(Harness.Fake.Instances);
        Assert.Equal(spec.UserData, Encoding.UTF8.GetString(Convert.FromBase64String(machine.UserData!)));
        Assert.Equal("us-east-1c", machine.Zone);
        Assert.Equal("us-east-1c", created.RealmId);
        Assert.Equal("subnet-0abc", machine.SubnetId);
        Assert.Equal(["sg-01", "sg-02"], machine.SecurityGroupIds);
    }

    [Fact]
    public async Task An_ssh_key_is_imported_once_under_its_fingerprint_name_and_reused()
    {
        var driver = Harness.Open();
        var key = Ec2Specs.Ed25519Key();

        await driver.CreateInstanceAsync(Ec2Specs.Micro() with { SshKey = key }, Ct);
        await driver.CreateInstanceAsync(Ec2Specs.Micro() with { SshKey = key with { Name = "same-key-other-name" } }, Ct);
        await using var otherProcess = Harness.Open();
        await otherProcess.CreateInstanceAsync(Ec2Specs.Micro() with { SshKey = key }, Ct);

        var pair = Assert.Single(Harness.Fake.KeyPairs);
        Assert.Equal(key.PublicKey, pair.PublicKey);
        Assert.StartsWith(Ec2KeyPairs.NamePrefix, pair.Name, StringComparison.Ordinal);
        Assert.All(Harness.Fake.Instances, m => Assert.Equal(pair.Name, m.KeyName));
        Assert.Equal(1, Harness.Fake.Counters.Requests("ImportKeyPair"));
        Assert.Equal(2, Harness.Fake.Counters.Requests("DescribeKeyPairs"));
    }

    [Fact]
    public async Task Two_keys_get_two_key_pairs()
    {
        var driver = Harness.Open();

        await driver.CreateInstanceAsync(Ec2Specs.Micro() with { SshKey = Ec2Specs.Ed25519Key() }, Ct);
        await driver.CreateInstanceAsync(Ec2Specs.Micro() with { SshKey = Ec2Specs.Ed25519Key() }, Ct);

        Assert.Equal(2, Harness.Fake.KeyPairs.Select(k => k.Name).Distinct().Count());
    }

    [Fact]
    public async Task Listing_follows_NextToken_through_every_page()
    {
        Harness.Fake.Options.MaxPageSize = 5;
        Harness.Fake.Options.RunInstancesBurst = 20;
        var driver = Harness.Open();
        var ids = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            ids.Add((await driver.CreateInstanceAsync(Ec2Specs.Micro(), Ct)).Id);
        }

        var listed = await driver.ListInstancesAsync(Ct);

        Assert.Equal(ids, listed.Select(i => i.Id));
        Assert.Equal(3, Harness.Fake.Counters.Requests("DescribeInstances"));
    }

    [Fact]
    public async Task Realms_are_the_regions_zones_and_images_follow_owner_and_filters()
    {
        var driver = Harness.Open(("ImageOwners", "self"), ("ImageFilters:name", "debian-12-*"), ("ImageFilters:architecture", "arm64"));
        var everyOwner = Harness.Open(("ImageOwners:0", "self"), ("ImageOwners:1", "amazon"));

        var realms = await driver.ListRealmsAsync(Ct);
        var images = await driver.ListImagesAsync(Ct);
        var allImages = await everyOwner.ListImagesAsync(Ct);

        Assert.Equal(["us-east-1a", "us-east-1b", "us-east-1c"], realms.Select(r => r.Id));
        Assert.All(realms, r => Assert.True(r.Available));
        var image = Assert.Single(images);
        Assert.Equal(("ami-0b1c2d3e4f5a60719", "debian-12-arm64-20260101", "arm64"), (image.Id, image.Name, image.Architecture));
        Assert.Equal(3, allImages.Count);
    }

    [Fact]
    public async Task Stop_start_and_terminate_walk_EC2s_states()
    {
        var driver = Harness.Open();
        var id = (await driver.CreateInstanceAsync(Ec2Specs.Micro(), Ct)).Id;
        await WaitForAsync(driver, id, DriverInstanceState.Running);

        await driver.StopInstanceAsync(id, Ct);
        Assert.Equal("stopping", (await driver.GetInstanceAsync(id, Ct))!.NativeState);
        await WaitForAsync(driver, id, DriverInstanceState.Stopped);
        await driver.StartInstanceAsync(id, Ct);
        Assert.Equal(DriverInstanceState.Pending, (await driver.GetInstanceAsync(id, Ct))!.State);
        await WaitForAsync(driver, id, DriverInstanceState.Running);
        await driver.DestroyInstanceAsync(id, Ct);
        var terminating = await driver.GetInstanceAsync(id, Ct);

        Assert.Equal((DriverInstanceState.Terminating, "shutting-down"), (terminating!.State, terminating.NativeState));
        await WaitForAsync(driver, id, DriverInstanceState.Terminated);
    }
}
