using System.Net;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Drivers;
using CloudBroker.Provisioning.Providers;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using CloudBroker.Api.Tests.Quotas;
using static CloudBroker.Api.Tests.Infrastructure.Reconciliations;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Workflow.Faults;

/// <summary>
/// The workflow against a misbehaving provider: exactly one machine, or a clean error with nothing left behind.
/// Each driver runs these through a <see cref="FaultyProviders"/> of its own.
/// </summary>
public abstract class WorkflowFaultTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : FaultyProviders
{
    protected TFactory Factory => factory;

    [Fact]
    public async Task A_create_that_made_the_machine_but_timed_out_is_retried_into_that_one_machine()
    {
        using var client = factory.CreateAdminClient();
        var (id, created) = await client.CreateAsync(factory.CreateRequest(UniqueName("amb"), "ambiguous"));
        await client.WaitForStateAsync(id, "running");
        var operation = await client.WaitForOperationAsync((string)created["id"]!, "succeeded");

        Assert.Equal(2, (int)operation["attempts"]!);
        Assert.Contains(operation["steps"]!.AsArray(), s => (string?)s!["status"] == "retrying" && ((string?)s["detail"])!.Contains(factory.AmbiguousFailure, StringComparison.Ordinal));
        Assert.Single(await MachinesOfAsync("ambiguous", id));
    }

    [Fact]
    public async Task A_machine_stuck_in_pending_hits_the_build_timeout_and_is_removed_at_the_provider()
    {
        using var client = factory.CreateAdminClient();
        var (id, created) = await client.CreateAsync(factory.CreateRequest(UniqueName("stuck"), "stuck"));
        var operation = await client.WaitForOperationAsync((string)created["id"]!, "failed");

        Assert.Contains("timed out", (string?)operation["error"]!["detail"], StringComparison.Ordinal);
        using (var response = await client.GetAsync("/api/instances/" + id, Ct))
        {
            Assert.Equal("error", (string?)(await ExpectJsonAsync(response, HttpStatusCode.OK))["state"]);
        }

        await Eventually(async () => (await MachinesOfAsync("stuck", id)).Count == 0, "the stuck machine was not removed at the provider");

        // The machine goes first, then the compensation's history row commits.
        await Eventually(async () =>
        {
            using var events = await client.GetAsync($"/api/instances/{id}/events", Ct);
            return (await ExpectJsonAsync(events, HttpStatusCode.OK))["items"]!.AsArray()
                .Any(e => ((string?)e!["cause"])!.StartsWith("compensation: removed", StringComparison.Ordinal));
        }, "the compensation was not recorded in the instance's history");
    }

    [Fact]
    public async Task Throttled_calls_slow_the_provider_down_without_using_up_the_operations_attempts()
    {
        using var client = factory.CreateAdminClient();
        var (id, created) = await client.CreateAsync(factory.CreateRequest(UniqueName("thr"), "throttled"));
        await client.WaitForStateAsync(id, "running");
        var operation = await client.WaitForOperationAsync((string)created["id"]!, "succeeded");

        var throttled = operation["steps"]!.AsArray().Count(s => (string?)s!["status"] == "throttled");
        Assert.True(throttled >= factory.MinimumThrottledSteps, $"expected at least {factory.MinimumThrottledSteps} throttled steps, saw {throttled}");
        Assert.Equal(1, (int)operation["attempts"]!);
        Assert.Single(await MachinesOfAsync("throttled", id));
    }

    [Fact]
    public async Task A_machine_stopped_behind_the_brokers_back_is_found_stopped_by_the_next_reconcile_and_starts_again()
    {
        var (tenantId, member) = await factory.NewTenantAsync("drift");
        using var admin = factory.CreateAdminClient();
        using var _ = member;
        var running = await member.CreateRunningAsync(factory.CreateRequest(UniqueName("drift"), "drifting"));
        var id = (string)running["id"]!;
        Assert.Equal(1, (long)(await member.UsageAsync("tenant", tenantId))["runningInstances"]!["used"]!);
        var machine = Assert.Single(await MachinesOfAsync("drifting", id));

        await factory.StopBehindTheBrokerAsync("drifting", machine.Id);
        using (var unchanged = await member.GetAsync("/api/instances/" + id, Ct))
        {
            Assert.Equal("running", (string?)(await ExpectJsonAsync(unchanged, HttpStatusCode.OK))["state"]); // reads never ask the provider
        }

        var run = await admin.ReconcileAsync("drifting");
        var entry = MachineEntry(run, machine.Id);
        Assert.Equal("corrected", (string?)entry["action"]);
        Assert.Equal(id, (string?)entry["instanceId"]);
        Assert.Contains("stopped", (string?)entry["detail"], StringComparison.Ordinal);

        using (var response = await member.GetAsync("/api/instances/" + id, Ct))
        {
            var stopped = await ExpectJsonAsync(response, HttpStatusCode.OK);
            Assert.Equal("stopped", (string?)stopped["state"]);
            Assert.Contains("start", Strings(stopped["actions"]));
        }

        var last = (await InstanceEventsAsync(member, id)).Last();
        Assert.Equal(("running", "stopped"), ((string?)last["from"], (string?)last["to"]));
        Assert.StartsWith("stopped-at-provider: the provider reports machine " + machine.Id, (string?)last["cause"], StringComparison.Ordinal);
        Assert.Equal(0, (long)(await member.UsageAsync("tenant", tenantId))["runningInstances"]!["used"]!); // a machine that is off is not counted running

        // Noticed once; and the next action works instead of failing against a machine that is not where the broker thought.
        Assert.DoesNotContain(Machines(await admin.ReconcileAsync("drifting")), m => (string?)m["instanceId"] == id);
        var start = await member.ActAsync(id, "start");
        await member.WaitForOperationAsync((string)start["id"]!, "succeeded");
        await member.WaitForStateAsync(id, "running");
        Assert.Equal(1, (long)(await member.UsageAsync("tenant", tenantId))["runningInstances"]!["used"]!);
    }

    protected async Task<List<DriverInstance>> MachinesOfAsync(string providerId, string instanceId)
    {
        var driver = factory.Services.GetRequiredService<ProviderRegistry>().Find(providerId)!.Driver!;
        return [.. (await driver.ListInstancesAsync(Ct)).Where(m => m.State != DriverInstanceState.Terminated && m.Tags.GetValueOrDefault(BrokerTags.InstanceId) == instanceId)];
    }

    protected static async Task Eventually(Func<Task<bool>> condition, string failure)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, failure);
            await Task.Delay(50, Ct);
        }
    }
}
