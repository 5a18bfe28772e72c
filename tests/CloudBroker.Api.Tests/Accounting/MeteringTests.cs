using CloudBroker.Accounting.Metering;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Contracts;
using CloudBroker.Drivers.Mock;
using CloudBroker.Persistence;
using CloudBroker.Provisioning.History;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Accounting;

/// <summary>
/// Usage intervals made from the instance history, as finance meets them: every meter over every edge of an instance's
/// life, drift found by the reconciler, replayed events, and a worker that was away.
/// </summary>
public sealed class MeteringTests(MeteringFactory factory) : IClassFixture<MeteringFactory>
{
    private static readonly string[] Compute = [Meters.InstanceHours, Meters.VcpuHours, Meters.MemoryGibHours];

    [Fact]
    public async Task A_life_of_start_reboot_stop_start_and_destroy_meters_compute_while_running_and_storage_until_gone()
    {
        using var client = factory.CreateAdminClient();
        var running = await client.CreateRunningAsync(InstanceCalls.Request(UniqueName("meter")));
        var id = (string)running["id"]!;
        await client.ActAsync(id, "reboot");
        await client.WaitForStateAsync(id, "running");
        await client.ActAsync(id, "stop");
        await client.WaitForStateAsync(id, "stopped");
        await client.ActAsync(id, "start");
        await client.WaitForStateAsync(id, "running");
        await client.ActAsync(id, "destroy");
        await client.WaitForStateAsync(id, "terminated");
        await factory.WaitForMeteringAsync();

        var (instance, history) = await factory.HistoryAsync(id);
        var booted = history.Where(e => e.From == "pending" && e.To == "running").Select(e => e.At).ToArray();
        var stopped = history.Single(e => e.To == "stopped").At;
        var terminated = history.Single(e => e.To == "terminated").At;
        Assert.Equal(2, booted.Length);
        var intervals = await factory.IntervalsAsync(id);
        foreach (var meter in Compute)
        {
            // The reboot does not break it: one stretch to the stop, one from the start to the destroy.
            Assert.Equal([(booted[0], stopped), (booted[1], terminated)],
                intervals.Where(u => u.Meter == meter).Select(u => (u.Start, u.End!.Value)).ToArray());
        }

        var disk = Assert.Single(intervals, u => u.Meter == Meters.StorageGibHours);
        Assert.Equal((booted[0], terminated), (disk.Start, disk.End!.Value)); // the stopped machine kept its disk
        Assert.Equal(instance.StorageGiB, disk.Quantity);
        Assert.All(intervals.Where(u => u.Meter == Meters.VcpuHours), u => Assert.Equal(instance.Cpu, u.Quantity));
        Assert.All(intervals.Where(u => u.Meter == Meters.MemoryGibHours), u => Assert.Equal(instance.MemoryMiB / 1024m, u.Quantity));
        Assert.All(intervals.Where(u => u.Meter == Meters.InstanceHours), u => Assert.Equal(1m, u.Quantity));
        Assert.All(intervals, u =>
        {
            Assert.Equal((instance.TenantId, instance.GroupId, instance.OwnerId, instance.ProviderId, instance.RealmId, instance.HardwareProfileId),
                (u.TenantId, u.GroupId, u.OwnerId, u.ProviderId, u.RealmId, u.HardwareProfileId));
            Assert.Equal("{}", u.Tags);
            Assert.Equal(0, u.Start.Ticks % 10); // microseconds, as stored
        });
        await factory.AssertTotalsMatchHistoryAsync(id);
    }

    [Fact]
    public async Task A_create_that_fails_meters_neither_compute_nor_storage()
    {
        using var client = factory.CreateAdminClient();
        var (id, create) = await client.CreateAsync(InstanceCalls.Request(UniqueName("meter-fail"), "flaky"));
        await client.WaitForOperationAsync((string)create["id"]!, "failed");
        await client.WaitForStateAsync(id, "error");
        await client.ActAsync(id, "destroy");
        await client.WaitForStateAsync(id, "terminated");
        await factory.WaitForMeteringAsync();

        Assert.Empty(await factory.IntervalsAsync(id));
    }

    [Fact]
    public async Task A_machine_stopped_behind_the_broker_stops_compute_when_the_reconciler_sees_it_and_keeps_its_disk()
    {
        using var client = factory.CreateAdminClient();
        var id = (string)(await client.CreateRunningAsync(InstanceCalls.Request(UniqueName("meter-drift"))))["id"]!;
        var machine = await Reconciliations.MachineOfAsync(factory.Driver("mock"), id);
        await using (var console = MockConsole.Open(factory.DataDirectory, "mock"))
        {
            await console.PowerOffAsync(machine.Id, Ct);
        }

        await client.ReconcileAsync("mock");
        await client.WaitForStateAsync(id, "stopped");
        await factory.WaitForMeteringAsync();

        var (_, history) = await factory.HistoryAsync(id);
        var observed = history.Single(e => e.To == "stopped");
        Assert.StartsWith("stopped-at-provider", observed.Cause, StringComparison.Ordinal);
        var intervals = await factory.IntervalsAsync(id);
        Assert.All(intervals.Where(u => Compute.Contains(u.Meter)), u => Assert.Equal(observed.At, u.End)); // when the broker saw it
        Assert.Null(Assert.Single(intervals, u => u.Meter == Meters.StorageGibHours).End);
        await factory.AssertTotalsMatchHistoryAsync(id);
    }

    [Fact]
    public async Task A_machine_that_vanished_stops_every_meter()
    {
        using var client = factory.CreateAdminClient();
        var id = (string)(await client.CreateRunningAsync(InstanceCalls.Request(UniqueName("meter-gone"))))["id"]!;
        var driver = factory.Driver("mock");
        var machine = await Reconciliations.MachineOfAsync(driver, id);
        await driver.DestroyInstanceAsync(machine.Id, Ct);
        await Reconciliations.WaitForMachineAsync(driver, machine.Id, Drivers.DriverInstanceState.Terminated);

        await client.ReconcileAsync("mock");
        await client.WaitForStateAsync(id, "vanished");
        await factory.WaitForMeteringAsync();

        var (_, history) = await factory.HistoryAsync(id);
        var vanished = history.Single(e => e.To == "vanished").At;
        var intervals = await factory.IntervalsAsync(id);
        Assert.Equal(4, intervals.Count);
        Assert.All(intervals, u => Assert.Equal(vanished, u.End));
        await factory.AssertTotalsMatchHistoryAsync(id);
    }

    [Fact]
    public async Task Instance_state_changes_replayed_five_times_with_new_message_ids_change_no_total()
    {
        using var client = factory.CreateAdminClient();
        var id = (string)(await client.CreateRunningAsync(InstanceCalls.Request(UniqueName("meter-replay"))))["id"]!;
        await client.ActAsync(id, "stop");
        await client.WaitForStateAsync(id, "stopped");
        await factory.WaitForMeteringAsync();
        var before = await factory.IntervalsAsync(id);

        var (_, history) = await factory.HistoryAsync(id);
        var bus = factory.Services.GetRequiredService<IBus>();
        for (var replay = 0; replay < 5; replay++)
        {
            foreach (var e in history.Where(e => e.From is not null))
            {
                await bus.Publish(new InstanceStateChanged(id, e.TenantId, "admin", "mock", e.From!, e.To, e.Cause, e.At),
                    context => context.MessageId = NewId.NextGuid(), Ct);
            }
        }

        await Task.Delay(300, Ct); // the replays wake the worker: let it run its rounds
        await factory.WaitForMeteringAsync();
        var after = await factory.IntervalsAsync(id);
        Assert.Equal(Describe(before), Describe(after));
        await factory.AssertTotalsMatchHistoryAsync(id);
    }

    [Fact]
    public async Task A_worker_away_while_machines_change_meters_all_of_it_when_it_is_back_and_from_scratch_the_same()
    {
        using var client = factory.CreateAdminClient();
        var worker = factory.Services.GetRequiredService<MeteringWorker>();
        await worker.StopAsync(Ct);
        string id;
        try
        {
            id = (string)(await client.CreateRunningAsync(InstanceCalls.Request(UniqueName("meter-away"))))["id"]!;
            await client.ActAsync(id, "stop");
            await client.WaitForStateAsync(id, "stopped");
            await client.ActAsync(id, "start");
            await client.WaitForStateAsync(id, "running");
            Assert.Empty(await factory.IntervalsAsync(id)); // nobody metered it
        }
        finally
        {
            await worker.StartAsync(Ct);
        }

        await factory.WaitForMeteringAsync();
        var metered = await factory.IntervalsAsync(id);
        Assert.Equal(7, metered.Count); // two stretches of three compute meters, one of storage
        await factory.AssertTotalsMatchHistoryAsync(id);

        // A first start on a history that was there before (an installation upgraded to metering): everything since installation.
        await worker.StopAsync(Ct);
        try
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
            await db.Set<UsageInterval>().ExecuteDeleteAsync(Ct);
            await db.Set<MeteringWatermark>().ExecuteUpdateAsync(s => s.SetProperty(m => m.Transaction, 0).SetProperty(m => m.EventId, 0), Ct);
        }
        finally
        {
            await worker.StartAsync(Ct);
        }

        await factory.WaitForMeteringAsync();
        Assert.Equal(Describe(metered), Describe(await factory.IntervalsAsync(id)));
    }

    private static string[] Describe(IEnumerable<UsageInterval> intervals) =>
        [.. intervals.Select(u => $"{u.Id} {u.Meter} {u.Quantity} {u.Start:O} {u.End:O} {u.StartEventId} {u.EndEventId} {u.Tags}").Order(StringComparer.Ordinal)];
}
