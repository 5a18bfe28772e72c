using CloudBroker.Drivers;
using CloudBroker.Provisioning.Providers;
using Microsoft.Extensions.Time.Testing;

namespace CloudBroker.Provisioning.Tests;

/// <summary>
/// The scaled-out mode's provider budget: two processes (two pacing objects with their own database
/// contexts) draw from one bucket, so together they never exceed the provider's rate.
/// </summary>
public sealed class SharedProviderPacingTests
{
    private static readonly RequestBudget Limits = new(RequestsPerSecond: 2, Burst: 5);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Two_processes_share_one_bucket_and_are_given_successive_turns(string engine)
    {
        await using var database = await MigratedDatabase.CreateAsync(engine);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        SharedProviderPacing first = new(time), second = new(time);
        await using var firstDb = database.NewContext();
        await using var secondDb = database.NewContext();

        var waits = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            waits.Add((await first.TakeAsync(firstDb, "ec2", Limits, Ct)).TotalSeconds);
            waits.Add((await second.TakeAsync(secondDb, "ec2", Limits, Ct)).TotalSeconds);
        }

        // A burst of 5 at once, then one turn every 0.5 s (2/s), whichever process asks.
        Assert.Equal([0, 0, 0, 0, 0, 0.5, 1, 1.5, 2, 2.5], waits);

        time.Advance(TimeSpan.FromSeconds(10)); // rested: a full burst again
        for (var i = 0; i < Limits.Burst; i++)
        {
            Assert.Equal(TimeSpan.Zero, await (i % 2 == 0 ? first.TakeAsync(firstDb, "ec2", Limits, Ct) : second.TakeAsync(secondDb, "ec2", Limits, Ct)));
        }

        Assert.NotEqual(TimeSpan.Zero, await first.TakeAsync(firstDb, "ec2", Limits, Ct));

        // Another bucket has its own budget.
        Assert.Equal(TimeSpan.Zero, await first.TakeAsync(firstDb, "azure", Limits, Ct));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_throttle_seen_by_one_process_pauses_the_other(string engine)
    {
        await using var database = await MigratedDatabase.CreateAsync(engine);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        SharedProviderPacing first = new(time), second = new(time);
        await using var firstDb = database.NewContext();
        await using var secondDb = database.NewContext();
        Assert.Equal(TimeSpan.Zero, await first.TakeAsync(firstDb, "ec2", Limits, Ct));

        await first.PauseAsync(firstDb, "ec2", Limits, TimeSpan.FromSeconds(30), Ct);

        var wait = await second.TakeAsync(secondDb, "ec2", Limits, Ct);
        Assert.Equal(TimeSpan.FromSeconds(30), wait);
        time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(TimeSpan.Zero, await second.TakeAsync(secondDb, "ec2", Limits, Ct));
    }

    [Fact]
    public async Task Concurrent_takers_on_postgres_never_overspend()
    {
        await using var database = await MigratedDatabase.CreateAsync("postgres");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        var limits = Limits with { Burst = 20 };
        var takers = Enumerable.Range(0, 8).Select(async _ =>
        {
            await using var db = database.NewContext();
            var pacing = new SharedProviderPacing(time);
            var waits = new List<double>();
            for (var i = 0; i < 10; i++)
            {
                waits.Add((await pacing.TakeAsync(db, "ec2", limits, Ct)).TotalSeconds);
            }

            return waits;
        });

        // 80 takes at a standing clock: 20 at once, then every one its own turn, 0.5 s apart — none shared, none skipped.
        var expected = Enumerable.Repeat(0.0, limits.Burst).Concat(Enumerable.Range(1, 80 - limits.Burst).Select(k => k * 0.5));
        Assert.Equal(expected, (await Task.WhenAll(takers)).SelectMany(w => w).Order());
    }
}
