using CloudBroker.Drivers;
using CloudBroker.Provisioning.Pacing;
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
        SharedProviderPacing first = new(database.NewProcess(), time), second = new(database.NewProcess(), time);

        var waits = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            waits.Add((await first.TakeAsync("ec2", Limits, Ct)).Wait.TotalSeconds);
            waits.Add((await second.TakeAsync("ec2", Limits, Ct)).Wait.TotalSeconds);
        }

        // A burst of 5 at once, then one turn every 0.5 s (2/s), whichever process asks.
        Assert.Equal([0, 0, 0, 0, 0, 0.5, 1, 1.5, 2, 2.5], waits);

        time.Advance(TimeSpan.FromSeconds(10)); // rested: a full burst again
        for (var i = 0; i < Limits.Burst; i++)
        {
            Assert.Equal(TimeSpan.Zero, (await (i % 2 == 0 ? first.TakeAsync("ec2", Limits, Ct) : second.TakeAsync("ec2", Limits, Ct))).Wait);
        }

        Assert.NotEqual(TimeSpan.Zero, (await first.TakeAsync("ec2", Limits, Ct)).Wait);

        // Another bucket has its own budget.
        Assert.Equal(TimeSpan.Zero, (await first.TakeAsync("azure", Limits, Ct)).Wait);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_throttle_seen_by_one_process_pauses_the_other_and_moves_its_turns(string engine)
    {
        await using var database = await MigratedDatabase.CreateAsync(engine);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        SharedProviderPacing first = new(database.NewProcess(), time), second = new(database.NewProcess(), time);
        for (var i = 0; i < Limits.Burst; i++)
        {
            Assert.Equal(TimeSpan.Zero, (await first.TakeAsync("ec2", Limits, Ct)).Wait);
        }

        var held = await first.TakeAsync("ec2", Limits, Ct);
        Assert.Equal(TimeSpan.FromSeconds(0.5), held.Wait);

        await second.ThrottledAsync("ec2", Limits, TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(TimeSpan.FromSeconds(1), await first.UntilAsync("ec2", held.At, Ct)); // one interval later
        Assert.Equal(TimeSpan.FromSeconds(30), (await second.TakeAsync("ec2", Limits, Ct)).Wait);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.Zero, await first.UntilAsync("ec2", held.At, Ct));
    }

    [Fact]
    public async Task Concurrent_takers_on_postgres_never_overspend()
    {
        await using var database = await MigratedDatabase.CreateAsync("postgres");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        var limits = Limits with { Burst = 20 };
        var takers = Enumerable.Range(0, 8).Select(async _ =>
        {
            var pacing = new SharedProviderPacing(database.NewProcess(), time);
            var waits = new List<double>();
            for (var i = 0; i < 10; i++)
            {
                waits.Add((await pacing.TakeAsync("ec2", limits, Ct)).Wait.TotalSeconds);
            }

            return waits;
        });

        // 80 takes at a standing clock: 20 at once, then every one its own turn, 0.5 s apart — none shared, none skipped.
        var expected = Enumerable.Repeat(0.0, limits.Burst).Concat(Enumerable.Range(1, 80 - limits.Burst).Select(k => k * 0.5));
        Assert.Equal(expected, (await Task.WhenAll(takers)).SelectMany(w => w).Order());
    }
}
