using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Drivers;
using CloudBroker.Persistence;
using CloudBroker.Provisioning.Instances;
using CloudBroker.Provisioning.Operations;
using CloudBroker.Quotas.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Reconciliations;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Quotas;

/// <summary>
/// Where quota is settled: the move of an instance (<see cref="InstanceTransitions.MoveTo"/>) settles its reservations in
/// the save that writes it, whichever code moves it, and a save the counters refuse leaves nothing of itself behind.
/// </summary>
public sealed class QuotaSettlementTests(ReconcilerFactory factory) : IClassFixture<ReconcilerFactory>
{
    [Fact]
    public async Task A_machine_the_reconciler_finds_gone_gives_its_quota_back_in_the_same_save()
    {
        var (tenantId, member) = await factory.NewTenantAsync("vanish");
        using var admin = factory.CreateAdminClient();
        await admin.SetQuotaAsync("tenant", tenantId, new JsonObject { ["instances"] = 1 });
        var id = (string)(await member.CreateRunningAsync(InstanceCalls.Request(UniqueName("vanish"))))["id"]!;
        using (var refused = await member.PostAsync(InstanceCalls.Request(UniqueName("vanish"))))
        {
            await QuotaCalls.ExpectQuotaExceededAsync(refused, "tenant", tenantId, "instances");
        }

        var driver = factory.Driver("mock");
        var machine = await MachineOfAsync(driver, id);
        await driver.DestroyInstanceAsync(machine.Id, Ct);
        await WaitForMachineAsync(driver, machine.Id, DriverInstanceState.Terminated);
        var run = await admin.ReconcileAsync("mock");
        Assert.Equal("vanished", (string?)MachineEntry(run, machine.Id)["action"]);

        // No workflow step ran, and the sweeper only ever releases lines still reserved: the reconciler's own save did it.
        var usage = await member.UsageAsync("tenant", tenantId);
        foreach (var resource in new[] { "instances", "runningInstances", "cpu", "memoryMiB", "storageGiB" })
        {
            Assert.Equal(0, usage.Held(resource));
        }

        var (instance, lines) = await ReadAsync(id);
        Assert.Equal(InstanceState.Vanished, instance.State);
        Assert.All(lines, line => Assert.Equal(ReservationStatuses.Released, line.Status));
        var (status, text, _) = await member.TryCreateAsync(InstanceCalls.Request(UniqueName("vanish")));
        Assert.True(status == HttpStatusCode.Accepted, $"{(int)status}: {text}");
    }

    [Fact]
    public async Task A_move_and_its_settlement_commit_together_or_not_at_all()
    {
        var (tenantId, member) = await factory.NewTenantAsync("move");
        var id = (string)(await member.CreateRunningAsync(InstanceCalls.Request(UniqueName("move"))))["id"]!;
        Assert.Equal(1, (long)(await member.UsageAsync("tenant", tenantId))["instances"]!["used"]!);

        // A move whose save loses a race (another writer changed the instance since it was read) settles nothing either.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
            var instance = await db.Set<Instance>().FirstAsync(i => i.Id == id, Ct);
            await ChangeBehindAsync(id);
            db.MoveTo(instance, InstanceState.Terminated, "test: a move that lost a race", DateTime.UtcNow);
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync(Ct));
        }

        var (unmoved, held) = await ReadAsync(id);
        Assert.Equal(InstanceState.Running, unmoved.State);
        Assert.All(held, line => Assert.Equal(ReservationStatuses.Committed, line.Status));
        Assert.Equal(1, (await member.UsageAsync("tenant", tenantId)).Held("instances"));

        // The same move saved: the instance is terminated and everything it held is given back, in that one save.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
            var instance = await db.Set<Instance>().FirstAsync(i => i.Id == id, Ct);
            db.MoveTo(instance, InstanceState.Terminated, "test: a move made outside the workflow", DateTime.UtcNow);
            await db.SaveChangesAsync(Ct);
        }

        var (moved, released) = await ReadAsync(id);
        Assert.Equal(InstanceState.Terminated, moved.State);
        Assert.Equal(2, released.Count); // its allocation and its running line
        Assert.All(released, line => Assert.Equal(ReservationStatuses.Released, line.Status));
        var usage = await member.UsageAsync("tenant", tenantId);
        Assert.Equal((0, 0), (usage.Held("instances"), usage.Held("runningInstances")));
    }

    [Fact]
    public async Task A_refused_start_leaves_nothing_of_itself_behind()
    {
        var (tenantId, member) = await factory.NewTenantAsync("refused");
        using var admin = factory.CreateAdminClient();
        var id = (string)(await member.CreateRunningAsync(InstanceCalls.Request(UniqueName("refused"))))["id"]!;
        await member.WaitForOperationAsync((string)(await member.ActAsync(id, "stop"))["id"]!, "succeeded");
        await admin.SetQuotaAsync("tenant", tenantId, new JsonObject { ["runningInstances"] = 0 });
        var etag = await InstanceETagAsync(member, id);
        var events = (await EventsAsync(member, id)).Length;
        var (_, lines) = await ReadAsync(id);
        var operations = await OperationsOfAsync(id);
        var since = DateTime.UtcNow;

        using (var refused = await member.PostAsync($"/api/instances/{id}/start", null, Ct))
        {
            await QuotaCalls.ExpectQuotaExceededAsync(refused, "tenant", tenantId, "runningInstances");
        }

        // The start's save (no transaction of its caller's) wrote the move to pending, its history row, its operation, the
        // outgoing command and a running reservation before the counters refused it: its transaction took all of them back.
        Assert.Equal(etag, await InstanceETagAsync(member, id));
        Assert.Equal("stopped", (string?)(await member.WaitForStateAsync(id, "stopped"))["state"]);
        Assert.Equal(events, (await EventsAsync(member, id)).Length);
        Assert.Equal(lines.Count, (await ReadAsync(id)).Lines.Count);
        Assert.Equal(operations, await OperationsOfAsync(id));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        Assert.False(await db.Outbox.AnyAsync(m => m.CreatedAt >= since, Ct));
        Assert.Equal(0, (await member.UsageAsync("tenant", tenantId)).Held("runningInstances"));
    }

    private async Task<(Instance Instance, List<Reservation> Lines)> ReadAsync(string instanceId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        return (await db.Set<Instance>().AsNoTracking().FirstAsync(i => i.Id == instanceId, Ct),
            await db.Set<Reservation>().AsNoTracking().Where(r => r.InstanceId == instanceId).ToListAsync(Ct));
    }

    private async Task<int> OperationsOfAsync(string instanceId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BrokerDbContext>().Set<Operation>().CountAsync(o => o.TargetId == instanceId, Ct);
    }

    /// <summary>Another writer's change to the instance row: its version moves on, so a save that read it before loses.</summary>
    private async Task ChangeBehindAsync(string instanceId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        await db.Set<Instance>().Where(i => i.Id == instanceId).ExecuteUpdateAsync(s => s.SetProperty(i => i.Version, i => i.Version + 1), Ct);
    }

    private static async Task<string?> InstanceETagAsync(HttpClient client, string instanceId)
    {
        using var response = await client.GetAsync("/api/instances/" + instanceId, Ct);
        await ExpectJsonAsync(response, HttpStatusCode.OK);
        return response.Headers.ETag?.ToString();
    }

    private static async Task<JsonObject[]> EventsAsync(HttpClient client, string instanceId)
    {
        using var response = await client.GetAsync($"/api/instances/{instanceId}/events?limit=500", Ct);
        return [.. (await ExpectJsonAsync(response, HttpStatusCode.OK))["items"]!.AsArray().Select(e => e!.AsObject())];
    }
}
