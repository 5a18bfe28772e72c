using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Drivers;
using CloudBroker.Persistence;
using CloudBroker.Provisioning.Calls;
using CloudBroker.Provisioning.Providers;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Infrastructure;

/// <summary>Running reconciliations over HTTP, and changing a provider behind the broker's back through its driver.</summary>
public static class Reconciliations
{
    public static readonly string[] RunMembers = ["id", "providerId", "trigger", "status", "error", "startedAt", "finishedAt", "counts", "machines"];

    public static readonly string[] CountMembers = ["seen", "matched", "vanished", "orphansReported", "adopted", "destroyed", "foreign", "stuckResolved"];

    public static readonly string[] MachineMembers = ["providerMachineId", "instanceId", "installationId", "action", "detail"];

    /// <summary><c>POST /api/providers/{id}/reconcile</c>, asserting 200 and a finished run whose counts agree with its machines.</summary>
    public static async Task<JsonObject> ReconcileAsync(this HttpClient client, string providerId)
    {
        using var response = await client.PostAsync($"/api/providers/{providerId}/reconcile", null, Ct);
        var run = await ExpectJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal($"/api/providers/{providerId}/reconciliations/{(string?)run["id"]}", response.Headers.Location?.OriginalString);
        AssertRun(run, providerId);
        return run;
    }

    /// <summary>The run's shape, and each count that has an action equal to the number of machines with it.</summary>
    public static void AssertRun(JsonObject run, string providerId)
    {
        AssertMembers(run, RunMembers);
        AssertMembers(run["counts"]!.AsObject(), CountMembers);
        Assert.Equal(providerId, (string?)run["providerId"]);
        var started = AssertTimestamp(run["startedAt"]);
        Assert.True(AssertTimestamp(run["finishedAt"]) >= started);
        var machines = Machines(run);
        Assert.All(machines, m => AssertMembers(m, MachineMembers));
        var counts = run["counts"]!;
        Assert.Equal((int)counts["vanished"]!, machines.Count(m => (string?)m["action"] == "vanished"));
        Assert.Equal((int)counts["adopted"]!, machines.Count(m => (string?)m["action"] == "adopted"));
        Assert.Equal((int)counts["destroyed"]!, machines.Count(m => (string?)m["action"] == "destroyed"));
        Assert.Equal((int)counts["foreign"]!, machines.Count(m => (string?)m["action"] == "foreign"));
        Assert.Equal((int)counts["stuckResolved"]!, machines.Count(m => (string?)m["action"] == "operation-failed"));
        Assert.Equal((int)counts["orphansReported"]!, machines.Count(m => (string?)m["action"] is "reported" or "destroy-failed"));
    }

    /// <summary>The instance's history, oldest first.</summary>
    public static async Task<JsonObject[]> InstanceEventsAsync(HttpClient client, string instanceId)
    {
        using var response = await client.GetAsync($"/api/instances/{instanceId}/events?limit=500", Ct);
        return [.. (await ExpectJsonAsync(response, HttpStatusCode.OK))["items"]!.AsArray().Select(e => e!.AsObject())];
    }

    public static JsonObject[] Machines(JsonObject run) => [.. run["machines"]!.AsArray().Select(m => m!.AsObject())];

    /// <summary>The run's entry for the machine; fails when there is none.</summary>
    public static JsonObject MachineEntry(JsonObject run, string providerMachineId) =>
        Machines(run).SingleOrDefault(m => (string?)m["providerMachineId"] == providerMachineId)
        ?? throw new Xunit.Sdk.XunitException($"no entry for machine {providerMachineId} in {run.ToJsonString()}");

    /// <summary>The provider's driver, as the broker calls it (paced, its calls recorded).</summary>
    public static GatedDriver Driver(this WebApplicationFactory<Program> factory, string providerId) =>
        factory.Services.GetRequiredService<ProviderRegistry>().Find(providerId)?.Driver
        ?? throw new InvalidOperationException($"provider '{providerId}' has no open driver");

    public static string InstallationId(this WebApplicationFactory<Program> factory) =>
        factory.Services.GetRequiredService<InstallationIdentity>().Id;

    /// <summary>
    /// Makes a machine directly at the provider, as if another process (or person) had; tagged as the broker tags machines
    /// with the installation and provider of <paramref name="madeBy"/> (a null provider: as machines were tagged before they
    /// named one), or untagged when it is null. The image and profile default to the mock's.
    /// </summary>
    public static async Task<(DriverInstance Machine, string TaggedInstanceId)> MakeMachineAsync(
        ICloudDriver driver, (string Installation, string? Provider)? madeBy, string name, string imageId = "debian-12", string profileId = "m1-small")
    {
        var instanceId = Guid.CreateVersion7().ToString();
        var tags = new Dictionary<string, string>();
        if (madeBy is { } by)
        {
            tags[BrokerTags.InstallationId] = by.Installation;
            tags[BrokerTags.InstanceId] = instanceId;
            if (by.Provider is not null)
            {
                tags[BrokerTags.ProviderId] = by.Provider;
            }
        }

        var machine = await driver.CreateInstanceAsync(
            new InstanceSpec("behind-its-back-" + instanceId, instanceId, name, imageId, profileId, null, 1, 1024, 10, null, null, tags), Ct);
        return (machine, instanceId);
    }

    /// <summary>The provider's machine for a broker instance, found by its instance-id tag.</summary>
    public static async Task<DriverInstance> MachineOfAsync(ICloudDriver driver, string instanceId) =>
        (await driver.ListInstancesAsync(Ct)).Single(m => m.Tags.GetValueOrDefault(BrokerTags.InstanceId) == instanceId);

    /// <summary>Polls the provider until the machine is in <paramref name="state"/> (or gone, for <see cref="DriverInstanceState.Terminated"/>).</summary>
    public static async Task WaitForMachineAsync(ICloudDriver driver, string machineId, DriverInstanceState state)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var machine = await driver.GetInstanceAsync(machineId, Ct);
            if (machine?.State == state || (machine is null && state == DriverInstanceState.Terminated))
            {
                return;
            }

            Assert.True(clock.Elapsed < InstanceCalls.Timeout, $"machine {machineId} did not reach {state}; last {machine?.State}");
            await Task.Delay(20, Ct);
        }
    }
}
