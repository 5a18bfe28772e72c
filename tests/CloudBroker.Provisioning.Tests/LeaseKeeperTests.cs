using CloudBroker.Persistence;
using CloudBroker.Persistence.Background;
using CloudBroker.Provisioning.Reconciliation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CloudBroker.Provisioning.Tests;

/// <summary>A reconciliation run keeps its provider's lease while it lasts, and stops when another process took it.</summary>
public sealed class LeaseKeeperTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_long_run_keeps_its_lease_and_stops_when_it_is_taken(string engine)
    {
        await using var database = await MigratedDatabase.CreateAsync(engine);
        await using var services = new ServiceCollection().AddScoped(_ => database.NewContext()).BuildServiceProvider();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        await using var db = database.NewContext();
        var start = time.GetUtcNow().UtcDateTime;
        Assert.True(await db.TryClaimAsync("mock", "run-1", start, start + Lease, Ct));

        await using var keeper = new LeaseKeeper(services.GetRequiredService<IServiceScopeFactory>(), time, Lease, (leases, until, ct) => leases.RenewAsync("mock", "run-1", until, ct), atOnce: false);
        for (var i = 0; i < 4; i++)
        {
            time.Advance(Lease / 3); // 40 s in all: past the first lease
        }

        var renewedTo = start + (Lease / 3 * 4) + Lease;
        await Eventually(async () => await LeaseUntilAsync(db) == renewedTo);
        Assert.False(keeper.Lost.IsCancellationRequested);
        Assert.False(await db.TryClaimAsync("mock", "run-2", time.GetUtcNow().UtcDateTime, time.GetUtcNow().UtcDateTime + Lease, Ct));

        // A stalled process lost it: another run holds the lease now.
        await db.Set<ReconcilerLease>().ExecuteUpdateAsync(s => s.SetProperty(l => l.RunId, "run-2"), Ct);
        time.Advance(Lease / 3);
        await Eventually(() => Task.FromResult(keeper.Lost.IsCancellationRequested));
        Assert.Equal("run-2", (await db.Set<ReconcilerLease>().AsNoTracking().SingleAsync(Ct)).RunId);
    }

    private static async Task<DateTime> LeaseUntilAsync(BrokerDbContext db) =>
        (await db.Set<ReconcilerLease>().AsNoTracking().SingleAsync(Ct)).LeaseUntil;

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100 && !await condition(); i++)
        {
            await Task.Delay(50, Ct);
        }

        Assert.True(await condition());
    }
}
