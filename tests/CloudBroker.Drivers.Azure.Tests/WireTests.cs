using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace CloudBroker.Drivers.Azure.Tests;

/// <summary>What the driver sends Azure, checked where it lands: in the fake's records of each request.</summary>
public sealed class WireTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_create_is_one_PUT_that_returns_before_the_VM_runs()
    {
        await using var harness = await AzureHarness.StartAsync(o => o.CreatingFor = TimeSpan.FromMinutes(5));
        await using var driver = harness.Open();
        var watch = Stopwatch.StartNew();

        var created = await driver.CreateInstanceAsync(Specs.New(), Ct);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"create took {watch.Elapsed}");
        Assert.Equal(DriverInstanceState.Pending, created.State);
        Assert.Equal("creating", created.NativeState);
        Assert.Equal(1, harness.Fake.Counters["put"]);
        Assert.Equal(0, harness.Fake.Counters["operation"]);
        Assert.Equal("Creating", harness.Fake.FindVm(created.Id)!.ProvisioningState);
    }

    [Fact]
    public async Task Create_puts_a_VM_named_after_the_instance_with_its_tags_key_user_data_and_subnet()
    {
        await using var harness = await AzureHarness.StartAsync();
        await using var driver = harness.Open();
        var spec = Specs.New(realmId: "westeurope-2", userData: "#cloud-config\npackages: [nginx]\n", key: new SshPublicKey("alice", Specs.UserKey));

        var created = await driver.CreateInstanceAsync(spec, Ct);

        Assert.Equal($"cb-{spec.InstanceId}", created.Id);
        Assert.Equal("westeurope-2", created.RealmId);
        var put = Assert.Single(harness.Fake.Requests, r => r.Kind == "put");
        Assert.Equal(
            $"/subscriptions/{harness.Fake.Options.SubscriptionId}/resourceGroups/{harness.Fake.Options.ResourceGroup}/providers/Microsoft.Compute/virtualMachines/cb-{spec.InstanceId}?api-version=2023-07-01",
            put.PathAndQuery);
        var sent = harness.Fake.FindVm(created.Id)!.Sent;
        Assert.Equal("test-installation", (string?)sent["tags"]![BrokerTags.InstallationId]);
        Assert.Equal(spec.InstanceId, (string?)sent["tags"]![BrokerTags.InstanceId]);
        Assert.Equal("2", (string?)sent["zones"]![0]);
        var properties = sent["properties"]!;
        Assert.Equal("Standard_B1s", (string?)properties["hardwareProfile"]!["vmSize"]);
        Assert.Equal("0001-com-ubuntu-server-jammy", (string?)properties["storageProfile"]!["imageReference"]!["offer"]);
        Assert.Equal("Delete", (string?)properties["storageProfile"]!["osDisk"]!["deleteOption"]);
        var os = properties["osProfile"]!;
        Assert.Equal("web-1", (string?)os["computerName"]);
        Assert.Equal(spec.UserData, Encoding.UTF8.GetString(Convert.FromBase64String((string)os["customData"]!)));
        var key = os["linuxConfiguration"]!["ssh"]!["publicKeys"]!.AsArray().Single()!;
        Assert.Equal(Specs.UserKey, (string?)key["keyData"]);
        Assert.Equal("/home/cloudbroker/.ssh/authorized_keys", (string?)key["path"]);
        var network = properties["networkProfile"]!;
        Assert.Equal("2020-11-01", (string?)network["networkApiVersion"]);
        var nic = network["networkInterfaceConfigurations"]!.AsArray().Single()!;
        Assert.Equal("Delete", (string?)nic["properties"]!["deleteOption"]);
        Assert.Equal(harness.Fake.SubnetId, (string?)nic["properties"]!["ipConfigurations"]![0]!["properties"]!["subnet"]!["id"]);
    }

    [Fact]
    public async Task Without_a_key_in_the_request_the_providers_admin_key_is_installed()
    {
        await using var harness = await AzureHarness.StartAsync();
        await using var driver = harness.Open();

        var created = await driver.CreateInstanceAsync(Specs.New(), Ct);

        var keys = (JsonArray)harness.Fake.FindVm(created.Id)!.Sent["properties"]!["osProfile"]!["linuxConfiguration"]!["ssh"]!["publicKeys"]!;
        Assert.Equal(Testing.Azure.ArmFake.AdminSshPublicKey, (string?)Assert.Single(keys)!["keyData"]);
    }

    [Fact]
    public async Task Without_any_key_create_is_refused_before_anything_is_sent()
    {
        await using var harness = await AzureHarness.StartAsync();
        await using var driver = harness.Open(new Dictionary<string, string?> { ["AdminSshPublicKey"] = null });

        var ex = await Assert.ThrowsAsync<DriverException>(() => driver.CreateInstanceAsync(Specs.New(), Ct));

        Assert.Equal(DriverErrorKind.InvalidRequest, ex.Kind);
        Assert.Contains("AdminSshPublicKey", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, harness.Fake.Counters["put"]);
    }

    [Fact]
    public async Task The_token_is_asked_for_once_with_client_credentials_for_the_ARM_audience()
    {
        await using var harness = await AzureHarness.StartAsync();
        await using var driver = harness.Open();

        await driver.ListInstancesAsync(Ct);
        await driver.GetInstanceAsync("cb-none", Ct);
        await driver.CreateInstanceAsync(Specs.New(), Ct);

        var token = Assert.Single(harness.Fake.Requests, r => r.Kind == "token");
        Assert.Equal($"/{harness.Fake.Options.TenantId}/oauth2/v2.0/token", token.PathAndQuery);
        Assert.Contains("grant_type=client_credentials", token.Body, StringComparison.Ordinal);
        Assert.Contains("scope=https%3A%2F%2Fmanagement.azure.com%2F.default", token.Body, StringComparison.Ordinal);
        Assert.Equal(3, harness.Fake.Requests.Count(r => r.Kind is "list" or "get" or "put"));

        // MSAL asked for nothing else: no instance discovery, no OpenID metadata.
        Assert.DoesNotContain(harness.Fake.Requests, r => r.Kind == "other");
    }

    [Fact]
    public async Task Listing_follows_every_page_and_reads_each_power_state()
    {
        await using var harness = await AzureHarness.StartAsync(o => o.PageSize = 2);
        await using var driver = harness.Open();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await driver.CreateInstanceAsync(Specs.New(), Ct)).Id);
        }

        var listed = await driver.ListInstancesAsync(Ct);

        Assert.Equal(ids.Order(), listed.Select(i => i.Id).Order());
        Assert.Equal(3, harness.Fake.Counters["list"]);
        Assert.All(harness.Fake.Requests.Where(r => r.Kind == "list"), r => Assert.Contains("$expand=instanceView", Uri.UnescapeDataString(r.PathAndQuery), StringComparison.Ordinal));
        Assert.All(listed, i => Assert.Equal(DriverInstanceState.Pending, i.State));
    }

    [Fact]
    public async Task A_VM_whose_delete_finished_is_no_longer_listed()
    {
        await using var harness = await AzureHarness.StartAsync(o =>
        {
            o.CreatingFor = TimeSpan.Zero;
            o.DeletingFor = TimeSpan.FromMilliseconds(50);
        });
        await using var driver = harness.Open();
        var kept = await driver.CreateInstanceAsync(Specs.New(), Ct);
        var deleted = await driver.CreateInstanceAsync(Specs.New(), Ct);
        await driver.DestroyInstanceAsync(deleted.Id, Ct);
        await Task.Delay(200, Ct);

        var listed = await driver.ListInstancesAsync(Ct);

        Assert.Equal([kept.Id], listed.Select(i => i.Id));
    }

    [Fact]
    public async Task Stop_deallocates_and_the_state_follows_the_power_state()
    {
        await using var harness = await AzureHarness.StartAsync(o =>
        {
            o.CreatingFor = TimeSpan.Zero;
            o.StoppingFor = TimeSpan.FromMinutes(5);
        });
        await using var driver = harness.Open();
        var created = await driver.CreateInstanceAsync(Specs.New(), Ct);
        Assert.Equal(DriverInstanceState.Running, (await driver.GetInstanceAsync(created.Id, Ct))!.State);

        await driver.StopInstanceAsync(created.Id, Ct);

        var stopping = await driver.GetInstanceAsync(created.Id, Ct);
        Assert.Equal(DriverInstanceState.Stopping, stopping!.State);
        Assert.Equal("deallocating", stopping.NativeState);
        Assert.Equal(1, harness.Fake.Counters["deallocate"]);
        Assert.Equal(0, harness.Fake.Counters["powerOff"]);
        Assert.Equal(0, harness.Fake.Counters["operation"]);
    }

    [Fact]
    public async Task Destroy_sends_one_DELETE_and_the_VM_shows_terminating_until_it_is_gone()
    {
        await using var harness = await AzureHarness.StartAsync(o =>
        {
            o.CreatingFor = TimeSpan.Zero;
            o.DeletingFor = TimeSpan.FromMinutes(5);
        });
        await using var driver = harness.Open();
        var created = await driver.CreateInstanceAsync(Specs.New(), Ct);

        await driver.DestroyInstanceAsync(created.Id, Ct);

        Assert.Equal(DriverInstanceState.Terminating, (await driver.GetInstanceAsync(created.Id, Ct))!.State);
        Assert.Equal(1, harness.Fake.Counters["delete"]);
    }

    [Fact]
    public async Task A_VM_that_never_finishes_creating_stays_pending()
    {
        await using var harness = await AzureHarness.StartAsync(o => o.NeverReady = true);
        await using var driver = harness.Open();
        var created = await driver.CreateInstanceAsync(Specs.New(), Ct);
        await Task.Delay(300, Ct);

        var seen = await driver.GetInstanceAsync(created.Id, Ct);

        Assert.Equal(DriverInstanceState.Pending, seen!.State);
        Assert.Equal("creating", seen.NativeState);
    }
}
