using System.Diagnostics;
using CloudBroker.Accounting.Metering;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Persistence;
using CloudBroker.Provisioning.History;
using CloudBroker.Provisioning.Instances;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Accounting;

/// <summary>Reading metered usage from the database, and the same totals computed here, independently, from the history.</summary>
public static class Metered
{
    /// <summary>Waits until metering has read every history row committed so far (its watermark is past each).</summary>
    public static async Task WaitForMeteringAsync(this WebApplicationFactory<Program> factory)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await using (var scope = factory.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
                var mark = await db.Set<MeteringWatermark>().AsNoTracking().SingleAsync(Ct);
                var rows = await db.Set<InstanceEvent>().AsNoTracking().Select(e => new { e.Transaction, e.Id }).ToListAsync(Ct);
                if (rows.All(r => (r.Transaction ?? 0) < mark.Transaction || ((r.Transaction ?? 0) == mark.Transaction && r.Id <= mark.EventId)))
                {
                    return;
                }
            }

            Assert.True(clock.Elapsed < InstanceCalls.Timeout, "metering did not catch up with the history");
            await Task.Delay(50, Ct);
        }
    }

    public static async Task<List<UsageInterval>> IntervalsAsync(this WebApplicationFactory<Program> factory, string instanceId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        return await db.Set<UsageInterval>().AsNoTracking().Where(u => u.InstanceId == instanceId).OrderBy(u => u.Start).ThenBy(u => u.Meter).ToListAsync(Ct);
    }

    public static async Task<(Instance Instance, List<InstanceEvent> History)> HistoryAsync(this WebApplicationFactory<Program> factory, string instanceId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        var instance = await db.Set<Instance>().AsNoTracking().SingleAsync(i => i.Id == instanceId, Ct);
        var history = await db.Set<InstanceEvent>().AsNoTracking()
            .Where(e => e.InstanceId == instanceId && e.Subject == InstanceEvent.InstanceSubject).OrderBy(e => e.Id).ToListAsync(Ct);
        return (instance, history);
    }

    /// <summary>Metered unit-hours per meter up to <paramref name="asOf"/> (open intervals counted until then).</summary>
    public static Dictionary<string, decimal> Totals(IEnumerable<UsageInterval> intervals, DateTime asOf) =>
        intervals.GroupBy(u => u.Meter).ToDictionary(g => g.Key, g => g.Sum(u => u.Quantity * Hours(u.Start, u.End ?? asOf)));

    /// <summary>
    /// The same totals straight from the history, written apart from the product's code: compute accrues while the last
    /// settled state was running (rebooting, stopping and terminating carry what was), storage from the first time the
    /// machine ran or was stopped until it was terminated or vanished.
    /// </summary>
    public static Dictionary<string, decimal> TotalsFromHistory(Instance instance, IReadOnlyList<InstanceEvent> history, DateTime asOf)
    {
        decimal computeHours = 0, storageHours = 0;
        DateTime? computeSince = null, storageSince = null;
        foreach (var e in history)
        {
            switch (e.To)
            {
                case "running":
                    computeSince ??= e.At;
                    storageSince ??= e.At;
                    break;
                case "stopped" or "error":
                    computeHours += computeSince is { } c ? Hours(c, e.At) : 0;
                    computeSince = null;
                    storageSince ??= e.To == "stopped" ? e.At : null;
                    break;
                case "terminated" or "vanished":
                    computeHours += computeSince is { } c2 ? Hours(c2, e.At) : 0;
                    storageHours += storageSince is { } s ? Hours(s, e.At) : 0;
                    computeSince = storageSince = null;
                    break;
            }
        }

        computeHours += computeSince is { } open ? Hours(open, asOf) : 0;
        storageHours += storageSince is { } openDisk ? Hours(openDisk, asOf) : 0;
        var totals = new Dictionary<string, decimal>();
        if (computeHours > 0)
        {
            totals[Meters.InstanceHours] = computeHours;
            totals[Meters.VcpuHours] = computeHours * instance.Cpu;
            totals[Meters.MemoryGibHours] = computeHours * instance.MemoryMiB / 1024m;
        }

        if (storageHours > 0)
        {
            totals[Meters.StorageGibHours] = storageHours * instance.StorageGiB;
        }

        return totals;
    }

    /// <summary>Asserts the metered totals equal those computed from the history, now and later.</summary>
    public static async Task AssertTotalsMatchHistoryAsync(this WebApplicationFactory<Program> factory, string instanceId)
    {
        var (instance, history) = await factory.HistoryAsync(instanceId);
        var intervals = await factory.IntervalsAsync(instanceId);
        var asOf = history[^1].At.AddHours(5);
        Assert.Equal(
            TotalsFromHistory(instance, history, asOf).OrderBy(t => t.Key, StringComparer.Ordinal),
            Totals(intervals, asOf).Where(t => t.Value != 0).OrderBy(t => t.Key, StringComparer.Ordinal));
    }

    private static decimal Hours(DateTime from, DateTime to) => (decimal)(to - from).Ticks / TimeSpan.TicksPerHour;
}
