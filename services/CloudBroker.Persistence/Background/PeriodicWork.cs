using CloudBroker.Persistence.Transient;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CloudBroker.Persistence.Background;

/// <summary>
/// A loop that runs one round of work every <see cref="Interval"/>, or at once when its <see cref="Wake"/> signal is
/// notified, for the host's whole life. It is guarded: a round that throws is logged with the loop's name (a warning
/// when the database was busy or away, <see cref="TransientDatabaseErrors"/>; an error otherwise) and the loop goes on
/// at its next tick, where an exception escaping <see cref="BackgroundService.ExecuteAsync"/> would stop the host.
/// Stopping the host ends it cleanly, in a round or between two.
/// </summary>
public abstract partial class PeriodicWork : BackgroundService
{
    private readonly TransientDatabaseErrors _databaseErrors;

    protected PeriodicWork(TimeProvider time, TransientDatabaseErrors databaseErrors, ILogger logger)
    {
        Time = time;
        _databaseErrors = databaseErrors;
        Logger = logger;
    }

    protected TimeProvider Time { get; }

    protected ILogger Logger { get; }

    /// <summary>The longest wait from the end of one round to the start of the next (<see cref="Timeout.InfiniteTimeSpan"/>: only when woken).</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>Whether the first round runs as the host starts; otherwise after one <see cref="Interval"/>, or when woken.</summary>
    protected virtual bool RunsAtStart => false;

    /// <summary>What wakes the loop before its next tick; nothing by default.</summary>
    protected virtual WakeSignal? Wake => null;

    /// <summary>
    /// One round. Returns how long to wait before the next: <see cref="Interval"/>, or less when the work knows that more
    /// is due sooner (zero or less: at once).
    /// </summary>
    protected abstract Task<TimeSpan> RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = Interval;
        if (interval <= TimeSpan.Zero && interval != Timeout.InfiniteTimeSpan)
        {
            throw new InvalidOperationException($"{GetType().Name} needs a positive interval, not {interval}");
        }

        var wake = Wake ?? new WakeSignal();
        await Task.Yield(); // the host's start never waits for a first round
        var wait = RunsAtStart ? TimeSpan.Zero : interval;
        try
        {
            while (true)
            {
                if (wait > TimeSpan.Zero || wait == Timeout.InfiniteTimeSpan)
                {
                    await wake.WaitAsync(wait, Time, stoppingToken);
                }

                var next = await RunGuardedAsync(stoppingToken);
                wait = next == interval || next > TimeSpan.Zero ? next : TimeSpan.Zero;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private async Task<TimeSpan> RunGuardedAsync(CancellationToken stoppingToken)
    {
        try
        {
            return await RunOnceAsync(stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            var failure = _databaseErrors.Classify(ex);
            if (failure == DatabaseFailure.None)
            {
                LogRoundFailed(Logger, LogLevel.Error, GetType().Name, "a fault", ex);
            }
            else
            {
                LogRoundFailed(Logger, LogLevel.Warning, GetType().Name, $"the database is busy: {failure}", ex);
            }

            return Interval;
        }
    }

    [LoggerMessage(Message = "{Loop}: a round failed ({Cause}); the loop goes on at its next tick")]
    private static partial void LogRoundFailed(ILogger logger, LogLevel level, string loop, string cause, Exception exception);
}
