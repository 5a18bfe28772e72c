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
    public async Task Two_processes_share_one_bucket(string engine)
    {
        await using var database = await MigratedDatabase.CreateAsync(engine);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        SharedProviderPacing first = new(time), second = new(time);
        await using var firstDb = database.NewContext();
        await using var secondDb = database.NewContext();

        var granted = 0;
        for (var i = 0; i < 4; i++)
        {
            granted += await first.TakeAsync(firstDb, "ec2", Limits, Ct) == TimeSpan.Zero ? 1 : 0;
            granted += await second.TakeAsync(secondDb, "ec2", Limits, Ct) == TimeSpan.Zero ? 1 : 0;
        }

        Assert.Equal(Limits.Burst, granted);
        var wait = await second.TakeAsync(secondDb, "ec2", Limits, Ct);
        Assert.InRange(wait, TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(500)); // one token at 2/s

        time.Advance(TimeSpan.FromSeconds(1)); // two tokens refilled, shared
        Assert.Equal(TimeSpan.Zero, await first.TakeAsync(firstDb, "ec2", Limits, Ct));
        Assert.Equal(TimeSpan.Zero, await second.TakeAsync(secondDb, "ec2", Limits, Ct));
        Assert.NotEqual(TimeSpan.Zero, await first.TakeAsync(firstDb, "ec2", Limits, Ct));

        // Another provider has its own budget.
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

        await first.PauseAsync(firstDb, "ec2", TimeSpan.FromSeconds(30), Ct);

        var wait = await second.TakeAsync(secondDb, "ec2", Limits, Ct);
        Assert.InRange(wait, TimeSpan.FromSeconds(29.9), TimeSpan.FromSeconds(30));
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
            var granted = 0;
            for (var i = 0; i < 10; i++)
            {
                granted += await pacing.TakeAsync(db, "ec2", limits, Ct) == TimeSpan.Zero ? 1 : 0;
            }

            return granted;
        });

        Assert.Equal(limits.Burst, (await Task.WhenAll(takers)).Sum()); // 80 attempts, 20 tokens, the clock stands still
    }
}
