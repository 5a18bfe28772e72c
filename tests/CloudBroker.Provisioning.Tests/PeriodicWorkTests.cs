using System.Threading.Channels;
using CloudBroker.Persistence.Background;
using CloudBroker.Persistence.Transient;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CloudBroker.Provisioning.Tests;

/// <summary>
/// The guarded loop every background worker runs on (<see cref="PeriodicWork"/>): a round that throws is logged with the
/// loop's name and the next round still runs at its tick; a wake signal brings a round forward; stopping ends it cleanly.
/// </summary>
public sealed class PeriodicWorkTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_round_that_throws_is_logged_with_the_loop_name_and_the_next_round_runs_at_the_next_tick()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        using var logs = new RecordingLogs();
        using var work = new ScriptedWork(time, logs, runsAtStart: true, wake: null,
            _ => throw new InvalidOperationException("a bug in the first round"),
            _ => throw new InvalidOperationException("the database went away", new TimeoutException()),
            _ => Task.CompletedTask);
        await work.StartAsync(Ct);

        var first = await work.NextRoundAsync();
        var fault = await logs.NextAsync("a round failed", Ct);
        Assert.Equal(LogLevel.Error, fault.Level);
        Assert.Contains(nameof(ScriptedWork), fault.Message, StringComparison.Ordinal);
        Assert.Equal("a bug in the first round", fault.Exception?.Message);

        var second = await work.AdvanceUntilNextRoundAsync(time);
        Assert.True(second - first >= Interval, $"the round after a failure ran {second - first} later, before the interval");
        var busy = await logs.NextAsync("a round failed", Ct);
        Assert.Equal(LogLevel.Warning, busy.Level); // a busy or absent database is expected now and then: not an error
        Assert.Contains("the database is busy: Unavailable", busy.Message, StringComparison.Ordinal);

        var third = await work.AdvanceUntilNextRoundAsync(time);
        Assert.True(third - second >= Interval);
        await work.StopAsync(Ct);
        Assert.True(work.ExecuteTask!.IsCompletedSuccessfully);
        Assert.Equal(3, work.Rounds);
    }

    [Fact]
    public async Task A_wake_signal_brings_the_next_round_forward()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        using var logs = new RecordingLogs();
        var wake = new WakeSignal();
        using var work = new ScriptedWork(time, logs, runsAtStart: false, wake);
        wake.Notify();
        wake.Notify(); // folded into one wake-up (both before the loop can take the first: otherwise that is two)
        await work.StartAsync(Ct);

        Assert.Equal(time.GetUtcNow(), await work.NextRoundAsync()); // no time passed: woken, not ticked
        await Task.Delay(TimeSpan.FromMilliseconds(100), Ct);
        Assert.Equal(1, work.Rounds);

        await work.StopAsync(Ct);
        Assert.True(work.ExecuteTask!.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Stopping_ends_the_loop_cleanly_in_the_middle_of_a_round()
    {
        using var logs = new RecordingLogs();
        using var work = new ScriptedWork(TimeProvider.System, logs, runsAtStart: true, wake: null,
            cancellationToken => Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken));
        await work.StartAsync(Ct);
        await work.NextRoundAsync();

        await work.StopAsync(Ct);

        Assert.True(work.ExecuteTask!.IsCompletedSuccessfully);
        Assert.DoesNotContain(logs.All, e => e.Level >= LogLevel.Warning);
    }

    /// <summary>A loop whose rounds do what the test scripts, one after the other (then nothing).</summary>
    private sealed class ScriptedWork(TimeProvider time, RecordingLogs logs, bool runsAtStart, WakeSignal? wake, params Func<CancellationToken, Task>[] rounds)
        : PeriodicWork(time, new TimeoutIsUnavailable(), logs.CreateLogger(nameof(ScriptedWork)))
    {
        private readonly Channel<DateTimeOffset> _started = Channel.CreateUnbounded<DateTimeOffset>();

        public int Rounds { get; private set; }

        protected override TimeSpan Interval => PeriodicWorkTests.Interval;

        protected override bool RunsAtStart => runsAtStart;

        protected override WakeSignal? Wake => wake;

        /// <summary>When (on the loop's clock) the next round started; within 10 s.</summary>
        public async Task<DateTimeOffset> NextRoundAsync()
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            return await _started.Reader.ReadAsync(timeout.Token);
        }

        /// <summary>Moves the clock a second at a time until the next round starts (the loop may not be waiting yet).</summary>
        public async Task<DateTimeOffset> AdvanceUntilNextRoundAsync(FakeTimeProvider clock)
        {
            for (var i = 0; i < 600; i++)
            {
                if (_started.Reader.TryRead(out var started))
                {
                    return started;
                }

                clock.Advance(TimeSpan.FromSeconds(1));
                await Task.Delay(TimeSpan.FromMilliseconds(5), Ct);
            }

            return await NextRoundAsync();
        }

        protected override async Task<TimeSpan> RunOnceAsync(CancellationToken cancellationToken)
        {
            var round = Rounds++;
            _started.Writer.TryWrite(Time.GetUtcNow());
            if (round < rounds.Length)
            {
                await rounds[round](cancellationToken);
            }

            return Interval;
        }
    }

    /// <summary>Classifies a timeout as the database being away, as the engines do with theirs.</summary>
    private sealed class TimeoutIsUnavailable : TransientDatabaseErrors
    {
        protected override DatabaseFailure ClassifyOwn(Exception exception) =>
            exception is TimeoutException ? DatabaseFailure.Unavailable : DatabaseFailure.None;
    }
}
