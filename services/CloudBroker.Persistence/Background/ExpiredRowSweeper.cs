using CloudBroker.Persistence.Transient;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CloudBroker.Persistence.Background;

/// <summary>
/// A periodic sweep over rows whose time ran out (the work that owned them died): each round takes the oldest batch
/// that is due, settles each row in a save of its own, so that what settling writes (counters, outbox rows) commits
/// with it, and skips a row that another process, or its own work, changed first (the row's version). A subclass says
/// which rows are due and what settling one means.
/// </summary>
public abstract class ExpiredRowSweeper<TRow>(IServiceScopeFactory scopes, TimeProvider time, TransientDatabaseErrors databaseErrors, ILogger logger)
    : PeriodicWork(time, databaseErrors, logger)
    where TRow : class
{
    private const int BatchSize = 100;

    protected override bool RunsAtStart => true;

    /// <summary>The rows due now, oldest first.</summary>
    protected abstract IQueryable<TRow> Due(BrokerDbContext db, DateTime now);

    /// <summary>Changes one due row (and enqueues what it needs); the sweep saves it.</summary>
    protected abstract void Settle(BrokerDbContext db, TRow row, DateTime now);

    /// <summary>Says what was done, once the row's save committed.</summary>
    protected abstract void Settled(TRow row);

    protected override async Task<TimeSpan> RunOnceAsync(CancellationToken cancellationToken)
    {
        await SweepAsync(cancellationToken);
        return Interval;
    }

    /// <summary>One pass; returns how many rows it settled.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        var now = Time.GetUtcNow().UtcDateTime;
        var due = await Due(db, now).Take(BatchSize).ToListAsync(cancellationToken);
        var settled = 0;
        foreach (var row in due)
        {
            Settle(db, row, now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                settled++;
                Settled(row);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear(); // another sweeper, or the row's own work, got there first
            }
        }

        return settled;
    }
}
