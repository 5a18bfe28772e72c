using System.Net;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Reconciliations;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Workflow.Outages;

/// <summary>An outage that outlasts an operation's deadline leaves the instance in error only until the provider answers.</summary>
public sealed class OutageRecoveryTests(ShortDeadlineFactory factory) : IClassFixture<ShortDeadlineFactory>
{
    [Fact]
    public async Task An_instance_left_in_error_by_an_unreachable_provider_returns_to_its_observed_state_once_the_provider_answers()
    {
        using var client = factory.CreateAdminClient();
        var id = (string)(await client.CreateRunningAsync(InstanceCalls.Request(UniqueName("back"), OutageFactory.ProviderId)))["id"]!;
        await factory.CutOffAsync(TimeSpan.FromMinutes(5));

        var stop = await client.ActAsync(id, "stop");
        var failed = await OutageTests.WaitFinishedAsync(client, (string)stop["id"]!, TimeSpan.FromSeconds(30));
        Assert.Equal("failed", (string?)failed["status"]);
        Assert.Equal("/problems/provider-unavailable", (string?)failed["error"]!["type"]);
        await client.WaitForStateAsync(id, "error");

        // While its circuit is open the provider is unavailable: a run is refused, truthfully, and changes nothing.
        await factory.WaitForStatusAsync("unavailable", TimeSpan.FromSeconds(10));
        using (var refused = await client.PostAsync($"/api/providers/{OutageFactory.ProviderId}/reconcile", null, Ct))
        {
            await ExpectProblemAsync(refused, HttpStatusCode.ServiceUnavailable, "provider-unavailable");
        }

        await client.WaitForStateAsync(id, "error");

        // Back: a trial call closes the circuit, and the next run sees the machine as it is.
        await factory.RestoreAsync();
        await factory.WaitForStatusAsync("available", TimeSpan.FromSeconds(10));
        var run = await client.ReconcileAsync(OutageFactory.ProviderId);
        Assert.Equal("succeeded", (string?)run["status"]);
        Assert.Equal("corrected", (string?)MachineEntry(run, (await MachineOfAsync(factory.Driver(OutageFactory.ProviderId), id)).Id)["action"]);

        using var response = await client.GetAsync("/api/instances/" + id, Ct);
        var back = await ExpectJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("running", (string?)back["state"]); // the stop never reached it
        Assert.Equal(["stop", "reboot", "destroy"], Strings(back["actions"]));
        var last = (await InstanceEventsAsync(client, id)).Last();
        Assert.Equal(("error", "running"), ((string?)last["from"], (string?)last["to"]));
        Assert.StartsWith("observed-at-provider: ", (string?)last["cause"], StringComparison.Ordinal);
    }
}
