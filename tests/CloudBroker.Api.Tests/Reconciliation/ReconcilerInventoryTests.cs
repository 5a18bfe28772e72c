using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Drivers;
using CloudBroker.Persistence;
using CloudBroker.Provisioning.Calls;
using CloudBroker.Provisioning.Instances;
using CloudBroker.Provisioning.Operations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Reconciliations;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Reconciliation;

/// <summary>
/// The reconciler against machines changed behind the broker's back: removed (vanished), made with this
/// installation's tags (each orphan policy), made by another installation (foreign), and stuck operations.
/// </summary>
public sealed class ReconcilerInventoryTests(ReconcilerFactory factory) : IClassFixture<ReconcilerFactory>
{
    [Theory]
    [InlineData("mock")] // the provider still lists the machine, terminated
    [InlineData("adopting")] // the provider no longer lists it at all
    public async Task A_machine_removed_behind_the_brokers_back_leaves_its_instance_vanished(string providerId)
    {
        using var client = factory.CreateAdminClient();
        var instance = await client.CreateRunningAsync(InstanceCalls.Request(UniqueName("gone"), providerId));
        var id = (string)instance["id"]!;
        Assert.Null(instance["vanishedAt"]);
        var driver = factory.Driver(providerId);
        var machine = await MachineOfAsync(driver, id);
        await driver.DestroyInstanceAsync(machine.Id, Ct);
        await WaitForMachineAsync(driver, machine.Id, DriverInstanceState.Terminated);

        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var run = await client.ReconcileAsync(providerId);
        Assert.Equal("succeeded", (string?)run["status"]);
        var entry = MachineEntry(run, machine.Id);
        Assert.Equal("vanished", (string?)entry["action"]);
        Assert.Equal(id, (string?)entry["instanceId"]);

        using var response = await client.GetAsync("/api/instances/" + id, Ct);
        var vanished = await ExpectJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("vanished", (string?)vanished["state"]);
        Assert.True(AssertTimestamp(vanished["vanishedAt"]) >= before);
        Assert.Equal(["destroy"], Strings(vanished["actions"]));

        var last = (await EventsAsync(client, id)).Last();
        Assert.Equal("running", (string?)last["from"]);
        Assert.Equal("vanished", (string?)last["to"]);
        Assert.StartsWith("missing-at-provider: the provider ", (string?)last["cause"], StringComparison.Ordinal);
        Assert.Contains(machine.Id, (string?)last["cause"], StringComparison.Ordinal);

        // Noticed once: the next run has nothing more to say about it.
        var again = await client.ReconcileAsync(providerId);
        Assert.DoesNotContain(Machines(again), m => (string?)m["instanceId"] == id);
    }

    [Fact]
    public async Task An_orphan_of_this_installation_is_reported_and_left_under_policy_report()
    {
        using var client = factory.CreateAdminClient();
        var driver = factory.Driver("mock");
        var (machine, taggedId) = await MakeMachineAsync(driver, (factory.InstallationId(), "mock"), UniqueName("orphan"));

        var run = await client.ReconcileAsync("mock");
        var entry = MachineEntry(run, machine.Id);
        Assert.Equal("reported", (string?)entry["action"]);
        Assert.Equal(taggedId, (string?)entry["instanceId"]);
        Assert.Equal(factory.InstallationId(), (string?)entry["installationId"]);
        Assert.Contains("does not know", (string?)entry["detail"], StringComparison.Ordinal);
        Assert.True((int)run["counts"]!["orphansReported"]! >= 1);

        await AssertUntouchedAsync(driver, machine.Id);
        using var response = await client.GetAsync("/api/instances/" + taggedId, Ct);
        await ExpectProblemAsync(response, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task An_orphan_is_adopted_under_policy_adopt_and_then_matched()
    {
        using var client = factory.CreateAdminClient();
        var name = UniqueName("adoptee");
        var (machine, taggedId) = await MakeMachineAsync(factory.Driver("adopting"), (factory.InstallationId(), "adopting"), name);

        var run = await client.ReconcileAsync("adopting");
        var entry = MachineEntry(run, machine.Id);
        Assert.Equal("adopted", (string?)entry["action"]);
        Assert.Equal(taggedId, (string?)entry["instanceId"]);

        using (var response = await client.GetAsync("/api/instances?providerId=adopting&name=" + name, Ct))
        {
            var adopted = Assert.Single((await ExpectJsonAsync(response, HttpStatusCode.OK))["items"]!.AsArray())!.AsObject();
            Assert.Equal(taggedId, (string?)adopted["id"]);
            Assert.Equal("running", (string?)adopted["state"]);
            Assert.Equal("debian-12", (string?)adopted["imageId"]);
            Assert.Equal("m1-small", (string?)adopted["hardwareProfileId"]);
            Assert.Equal("system", (string?)adopted["tenantId"]);
            Assert.Equal("admin", (string?)adopted["ownerId"]);
            Assert.Equal(machine.Addresses, Strings(adopted["addresses"]));
        }

        var events = await EventsAsync(client, taggedId);
        Assert.StartsWith("adopted: ", (string?)events[0]["cause"], StringComparison.Ordinal);
        Assert.Equal("running", (string?)events[^1]["to"]);

        var again = await client.ReconcileAsync("adopting");
        Assert.DoesNotContain(Machines(again), m => (string?)m["providerMachineId"] == machine.Id);
        Assert.True((int)again["counts"]!["matched"]! >= 1);
    }

    [Fact]
    public async Task An_orphan_is_destroyed_at_the_provider_under_policy_destroy()
    {
        using var client = factory.CreateAdminClient();
        var driver = factory.Driver("destroying");
        var (machine, taggedId) = await MakeMachineAsync(driver, (factory.InstallationId(), "destroying"), UniqueName("doomed"));

        var run = await client.ReconcileAsync("destroying");
        var entry = MachineEntry(run, machine.Id);
        Assert.Equal("destroyed", (string?)entry["action"]);
        Assert.Equal(taggedId, (string?)entry["instanceId"]);
        Assert.True((int)run["counts"]!["destroyed"]! >= 1);
        Assert.True((await driver.GetInstanceAsync(machine.Id, Ct))?.State is null or DriverInstanceState.Terminating or DriverInstanceState.Terminated);

        using var response = await client.GetAsync("/api/instances/" + taggedId, Ct);
        await ExpectProblemAsync(response, HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [InlineData("mock")]
    [InlineData("adopting")]
    [InlineData("destroying")]
    public async Task Machines_of_another_installation_or_of_none_are_reported_as_foreign_and_never_touched(string providerId)
    {
        using var client = factory.CreateAdminClient();
        var driver = factory.Driver(providerId);
        var (other, otherTag) = await MakeMachineAsync(driver, (ReconcilerFactory.OtherInstallationId, providerId), UniqueName("theirs"));
        var (untagged, _) = await MakeMachineAsync(driver, null, UniqueName("by-hand"));

        var run = await client.ReconcileAsync(providerId);
        var otherEntry = MachineEntry(run, other.Id);
        Assert.Equal("foreign", (string?)otherEntry["action"]);
        Assert.Equal(ReconcilerFactory.OtherInstallationId, (string?)otherEntry["installationId"]);
        Assert.Equal(otherTag, (string?)otherEntry["instanceId"]);
        var untaggedEntry = MachineEntry(run, untagged.Id);
        Assert.Equal("foreign", (string?)untaggedEntry["action"]);
        Assert.Null(untaggedEntry["installationId"]);

        await AssertUntouchedAsync(driver, other.Id);
        await AssertUntouchedAsync(driver, untagged.Id);

        using var response = await client.GetAsync("/api/instances/" + otherTag, Ct);
        await ExpectProblemAsync(response, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task An_operation_stuck_past_its_deadline_is_failed_with_the_reason()
    {
        using var client = factory.CreateAdminClient();

        // A create whose next step was lost, past its deadline; its lease keeps the sweeper away, so only the reconciler can end it.
        var (instanceId, operationId) = await InsertStuckCreateAsync();

        var run = await client.ReconcileAsync("mock");
        var entry = Machines(run).Single(m => (string?)m["instanceId"] == instanceId);
        Assert.Equal("operation-failed", (string?)entry["action"]);
        Assert.Null(entry["providerMachineId"]);
        Assert.Contains(operationId, (string?)entry["detail"], StringComparison.Ordinal);

        var operation = await client.WaitForOperationAsync(operationId, "failed");
        Assert.Equal("/problems/provider-error", (string?)operation["error"]!["type"]);
        Assert.Contains("past its deadline", (string?)operation["error"]!["detail"], StringComparison.Ordinal);
        using var response = await client.GetAsync("/api/instances/" + instanceId, Ct);
        Assert.Equal("error", (string?)(await ExpectJsonAsync(response, HttpStatusCode.OK))["state"]);
        Assert.Contains(await EventsAsync(client, instanceId), e => (string?)e["to"] == "error" && ((string?)e["cause"])!.Contains("failed by the reconciler", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_settled_instance_that_never_learnt_its_machine_id_gets_it_from_the_machines_tag()
    {
        using var client = factory.CreateAdminClient();
        var (machine, taggedId) = await MakeMachineAsync(factory.Driver("mock"), (factory.InstallationId(), "mock"), UniqueName("lost-answer"));
        await InsertInstanceAsync(taggedId, InstanceState.Error, "mock");

        var run = await client.ReconcileAsync("mock");
        var entry = MachineEntry(run, machine.Id);
        Assert.Equal("linked", (string?)entry["action"]);
        Assert.Equal(taggedId, (string?)entry["instanceId"]);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        Assert.Equal(machine.Id, (await db.Set<Instance>().SingleAsync(i => i.Id == taggedId, Ct)).ProviderInstanceId);
    }

    /// <summary>Still there: booting (the mock provider's boot delay) or running.</summary>
    private static async Task AssertUntouchedAsync(GatedDriver driver, string machineId) =>
        Assert.True((await driver.GetInstanceAsync(machineId, Ct))?.State is DriverInstanceState.Pending or DriverInstanceState.Running);

    private async Task<(string InstanceId, string OperationId)> InsertStuckCreateAsync()
    {
        var instance = await InsertInstanceAsync(Guid.CreateVersion7().ToString(), InstanceState.Pending, "mock");
        var now = DateTime.UtcNow;
        var operation = new Operation
        {
            Id = Guid.CreateVersion7().ToString(), Kind = OperationKind.Create, Status = OperationStatus.Running, TargetId = instance.Id,
            TenantId = instance.TenantId, OwnerId = instance.OwnerId, GroupId = instance.GroupId, CreatedAt = now.AddMinutes(-20), UpdatedAt = now.AddMinutes(-20),
            Deadline = now.AddMinutes(-10), LeaseUntil = now.AddHours(1), Attempts = 1,
        };
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        db.Add(operation);
        await db.SaveChangesAsync(Ct);
        return (instance.Id, operation.Id);
    }

    private async Task<Instance> InsertInstanceAsync(string id, InstanceState state, string providerId)
    {
        var now = DateTime.UtcNow;
        var instance = new Instance
        {
            Id = id, Name = UniqueName("direct"), ProviderId = providerId, ImageId = "debian-12", HardwareProfileId = "m1-small",
            Cpu = 1, MemoryMiB = 1024, StorageGiB = 10, State = state, TenantId = "system", OwnerId = "admin", GroupId = "system", CreatedAt = now, UpdatedAt = now,
        };
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        db.Add(instance);
        await db.SaveChangesAsync(Ct);
        return instance;
    }

    private static async Task<JsonObject[]> EventsAsync(HttpClient client, string instanceId)
    {
        using var response = await client.GetAsync($"/api/instances/{instanceId}/events?limit=500", Ct);
        return [.. (await ExpectJsonAsync(response, HttpStatusCode.OK))["items"]!.AsArray().Select(e => e!.AsObject())];
    }
}
