using CloudBroker.Accounting.Metering;
using CloudBroker.Persistence;
using CloudBroker.Persistence.Postgres;
using CloudBroker.Provisioning.History;
using CloudBroker.Provisioning.Instances;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Provisioning.Tests;

/// <summary>
/// Metering reads the history in commit order on PostgreSQL: two open transactions write history rows, the one with the
/// later id commits first, a metering round runs between the commits, and no row is skipped.
/// </summary>
public sealed class MeteringOrderTests
{
    private static readonly DateTime T0 = new(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_row_committed_after_a_later_id_is_metered_once_it_commits()
    {
        await using var database = await MigratedDatabase.CreateAsync("postgres");
        var (early, late, meteredBetween) = await InterleaveAsync(database, new CommittedHistoryFeed());

        Assert.DoesNotContain(early, meteredBetween); // still in flight: not visible yet, and not passed either
        Assert.Equal(new HashSet<string> { early, late }, await RunningInstancesAsync(database));
    }

    [Fact]
    public async Task Reading_by_id_alone_would_skip_it_so_the_interleaving_is_real()
    {
        await using var database = await MigratedDatabase.CreateAsync("postgres");
        var (early, late, _) = await InterleaveAsync(database, new IdOrderHistoryFeed());

        var metered = await RunningInstancesAsync(database);
        Assert.Contains(late, metered);
        Assert.DoesNotContain(early, metered); // id order passed the early row while it was in flight: lost for good
    }

    /// <summary>
    /// Two instances created (committed); transaction A moves the first to running and stays open, transaction B moves the
    /// second (a later id) and commits; a round runs; A commits; another round runs. Returns what was metered between.
    /// </summary>
    private static async Task<(string Early, string Late, HashSet<string> MeteredBetween)> InterleaveAsync(MigratedDatabase database, IHistoryFeed feed)
    {
        string early, late;
        await using (var setup = database.NewContext())
        {
            var a = NewInstance();
            var b = NewInstance();
            setup.AddRange(a, b);
            setup.RecordInstance(a, null, "action:create", T0);
            setup.RecordInstance(b, null, "action:create", T0);
            await setup.SaveChangesAsync(Ct);
            (early, late) = (a.Id, b.Id);
        }

        await RoundAsync(database, feed, T0); // the creates: nothing runs yet

        await using var first = database.NewContext();
        await using var firstTransaction = await first.Database.BeginTransactionAsync(Ct);
        first.MoveTo(await first.Set<Instance>().SingleAsync(i => i.Id == early, Ct), InstanceState.Running, "booted", T0.AddMinutes(1));
        await first.SaveChangesAsync(Ct); // its history row takes the smaller id, and is not committed

        await using (var second = database.NewContext())
        {
            second.MoveTo(await second.Set<Instance>().SingleAsync(i => i.Id == late, Ct), InstanceState.Running, "booted", T0.AddMinutes(2));
            await second.SaveChangesAsync(Ct); // a later id, committed first
        }

        await RoundAsync(database, feed, T0.AddMinutes(3));
        var between = await RunningInstancesAsync(database);
        await firstTransaction.CommitAsync(Ct);
        await RoundsUntilCaughtUpAsync(database, feed, T0.AddMinutes(4));

        await using var db = database.NewContext();
        var running = await db.Set<InstanceEvent>().Where(e => e.To == "running").ToDictionaryAsync(e => e.InstanceId, e => e.Id, Ct);
        Assert.True(running[early] < running[late], $"the row committed last has the smaller id ({running[early]} < {running[late]})");
        return (early, late, between);
    }

    private static async Task RoundAsync(MigratedDatabase database, IHistoryFeed feed, DateTime now)
    {
        await using var worker = database.NewContext();
        await MeteringRound.RunAsync(worker, feed, 100, now, Ct);
    }

    /// <summary>
    /// Rounds until the watermark is past every row. Transaction ids are the server's, shared by its databases: another
    /// database's open transaction (a parallel test's) holds the horizon back for a moment, never for good.
    /// </summary>
    private static async Task RoundsUntilCaughtUpAsync(MigratedDatabase database, IHistoryFeed feed, DateTime now)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await RoundAsync(database, feed, now);
            await using var db = database.NewContext();
            var mark = await db.Set<MeteringWatermark>().AsNoTracking().SingleAsync(Ct);
            var rows = await db.Set<InstanceEvent>().AsNoTracking().Select(e => new { e.Transaction, e.Id }).ToListAsync(Ct);
            if (rows.All(r => (r.Transaction ?? 0) < mark.Transaction || ((r.Transaction ?? 0) == mark.Transaction && r.Id <= mark.EventId))
                || (feed is IdOrderHistoryFeed && rows.All(r => r.Id <= mark.EventId)))
            {
                return;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "metering did not catch up with the history");
            await Task.Delay(50, Ct);
        }
    }

    /// <summary>The instances with an open compute interval.</summary>
    private static async Task<HashSet<string>> RunningInstancesAsync(MigratedDatabase database)
    {
        await using var db = database.NewContext();
        return [.. await db.Set<UsageInterval>().Where(u => u.Meter == Meters.InstanceHours && u.End == null).Select(u => u.InstanceId).ToListAsync(Ct)];
    }

    private static Instance NewInstance() => new()
    {
        Id = Guid.CreateVersion7().ToString(),
        Name = "metered",
        ProviderId = "mock",
        ImageId = "debian-12",
        HardwareProfileId = "m1-small",
        Cpu = 2,
        MemoryMiB = 1536,
        StorageGiB = 20,
        TenantId = "default",
        OwnerId = "admin",
        GroupId = "default",
        CreatedAt = T0,
        UpdatedAt = T0,
    };
}
