using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;
using CloudBroker.Drivers;
using static CloudBroker.Api.Tests.Infrastructure.Reconciliations;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Providers;

/// <summary>
/// The quick start's <c>libvirt</c> provider, driven through the API: real domains on libvirt's
/// in-process test host (<c>test:///default</c>, through libvirt.so.0).
/// </summary>
public sealed class LibvirtProviderTests(EmbeddedLibvirtFactory factory) : IClassFixture<EmbeddedLibvirtFactory>
{
    [Fact]
    public async Task The_default_libvirt_provider_is_listed_with_what_the_driver_can_do()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/api", Ct);
        var root = await ExpectJsonAsync(response, HttpStatusCode.OK);
        var libvirt = root["providers"]!.AsArray().Select(p => p!.AsObject()).Single(p => (string?)p["id"] == "libvirt");
        Assert.Equal("libvirt", (string?)libvirt["driver"]);
        Assert.Equal("available", (string?)libvirt["status"]);
        Assert.Equal(["capacity", "profileRanges", "realmChoice", "reboot", "startStop"], Strings(libvirt["capabilities"]));
    }

    [Fact]
    public async Task Its_catalog_has_the_test_host_realm_an_empty_disk_image_and_the_default_profiles()
    {
        using var client = factory.CreateAdminClient();
        Assert.Equal(["local"], await IdsAsync(client, "/api/realms?providerId=libvirt"));
        Assert.Equal(["blank"], await IdsAsync(client, "/api/images?providerId=libvirt"));
        Assert.Equal(["flex", "small"], await IdsAsync(client, "/api/hardware-profiles?providerId=libvirt"));
    }

    [Fact]
    public async Task A_machine_is_created_stopped_started_rebooted_and_destroyed_on_the_libvirt_host()
    {
        using var client = factory.CreateAdminClient();
        var body = Request(UniqueName("kvm"));
        body["hardwareProfileId"] = "flex";
        body["memoryMiB"] = 1024;
        var running = await client.CreateRunningAsync(body);
        var id = (string)running["id"]!;
        Assert.Equal("local", (string?)running["realmId"]);
        Assert.Equal(1024, (int)running["memoryMiB"]!);
        Assert.Equal(["stop", "reboot", "destroy"], Strings(running["actions"]));

        await client.ActAsync(id, "stop");
        await client.WaitForStateAsync(id, "stopped");
        await client.ActAsync(id, "start");
        await client.WaitForStateAsync(id, "running");
        var reboot = await client.ActAsync(id, "reboot");
        await client.WaitForOperationAsync((string)reboot["id"]!, "succeeded");
        var destroy = await client.ActAsync(id, "destroy");
        await client.WaitForOperationAsync((string)destroy["id"]!, "succeeded");
        await client.WaitForStateAsync(id, "terminated");
    }

    [Fact]
    public async Task A_domain_shut_off_or_started_on_the_host_behind_the_brokers_back_is_what_the_next_reconcile_reports()
    {
        using var client = factory.CreateAdminClient();
        var id = (string)(await client.CreateRunningAsync(Request(UniqueName("drift"))))["id"]!;
        var host = factory.Driver("libvirt"); // the host itself, as virsh on it would be: no operation, no instance change
        var domain = await MachineOfAsync(host, id);

        await host.StopInstanceAsync(domain.Id, Ct);
        await WaitForMachineAsync(host, domain.Id, DriverInstanceState.Stopped);
        var stoppedRun = await client.ReconcileAsync("libvirt");
        Assert.Equal("corrected", (string?)MachineEntry(stoppedRun, domain.Id)["action"]);
        var stopped = await client.WaitForStateAsync(id, "stopped");
        Assert.Equal(["start", "destroy"], Strings(stopped["actions"]));

        await host.StartInstanceAsync(domain.Id, Ct);
        await WaitForMachineAsync(host, domain.Id, DriverInstanceState.Running);
        Assert.Equal("corrected", (string?)MachineEntry(await client.ReconcileAsync("libvirt"), domain.Id)["action"]);
        await client.WaitForStateAsync(id, "running");
        var causes = (await InstanceEventsAsync(client, id)).TakeLast(2).Select(e => ((string?)e["cause"])!.Split(':')[0]);
        Assert.Equal(["stopped-at-provider", "started-at-provider"], causes);
    }

    [Fact]
    public async Task The_test_of_a_provider_none_of_whose_hosts_answer_says_so_instead_of_ok()
    {
        using var client = factory.CreateAdminClient();
        using var response = await client.PostAsync("/api/providers/kvm-down/test", null, Ct);
        var problem = await ExpectProblemAsync(response, HttpStatusCode.ServiceUnavailable, "provider-unavailable");
        Assert.Equal("kvm-down", (string?)problem["providerId"]);
        Assert.Contains("none of its 1 realms answers", (string?)problem["detail"], StringComparison.Ordinal);

        using var readiness = await factory.CreateClient().GetAsync("/readyz", Ct);
        var ready = await ExpectJsonAsync(readiness, HttpStatusCode.OK); // providers are reported, never required
        Assert.StartsWith("unavailable: ", (string?)ready["checks"]!["provider:kvm-down"], StringComparison.Ordinal);
        Assert.Equal("ok", (string?)ready["checks"]!["provider:libvirt"]);
    }

    [Theory]
    [InlineData("userData", "#cloud-config", "userData")]
    [InlineData("realmId", "nowhere", null)]
    public async Task What_the_driver_lacks_or_does_not_have_is_refused_before_it_is_called(string member, string value, string? capability)
    {
        using var client = factory.CreateAdminClient();
        var body = Request(UniqueName("kvm-bad"));
        body[member] = value;
        using var response = await client.PostAsync(body);
        if (capability is null)
        {
            await ExpectFieldErrorAsync(response, "/" + member);
        }
        else
        {
            await ExpectCapabilityProblemAsync(response, capability);
        }
    }

    private static JsonObject Request(string name) => new()
    {
        ["name"] = name,
        ["providerId"] = "libvirt",
        ["imageId"] = "blank",
        ["hardwareProfileId"] = "small",
    };

    private static async Task<string[]> IdsAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        var page = await ExpectJsonAsync(response, HttpStatusCode.OK);
        return [.. page["items"]!.AsArray().Select(i => (string)i!["id"]!).Order(StringComparer.Ordinal)];
    }
}
