using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudBroker.Quotas;

/// <summary>
/// Keeps the counters the exact sum of the ledger, in the transaction of every save that changes it.
/// Before EF writes: instances whose state changed phase settle their reservations (commit, release), whichever
/// code moved them (workflow, compensation, reconciler). After EF wrote its rows: the counter updates run as the
/// last statements before commit (short row locks, one lock order), and a limit exceeded rolls everything back.
/// A save without its own transaction gets one here; a caller's transaction is used as it is.
/// </summary>
internal sealed partial class QuotaInterceptor(TimeProvider time, IOptions<QuotaOptions> options, ILogger<QuotaInterceptor> logger) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context && context.ChangeTracker.Entries()
                .Any(e => e.State != EntityState.Unchanged && e.Entity is Reservation or IQuotaHolder))
        {
            throw new InvalidOperationException("saves that touch instances or quota reservations must use SaveChangesAsync");
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not { } context || !options.Value.Enabled)
        {
            return result;
        }

        if (_pending.TryGetValue(context, out var stale))
        {
            // Left by an earlier save of this context that never reached SavedChanges or SaveChangesFailed (seen once in
            // the SIGKILL test, on a pooled context): it must not apply its counters to this save.
            _pending.Remove(context);
            LogStalePending(logger);
            if (stale.Owned is { } transaction)
            {
                await transaction.DisposeAsync(); // its save never finished: roll back what it wrote
            }
        }

        var now = time.GetUtcNow().UtcDateTime;
        var period = BudgetPeriod.Of(now);
        // Saves without ledger lines or instances (the outbox, the inbox) cost one scan of the tracked entries and no
        // change detection; the others one detection for the scans below (each Entries() call would run it again).
        var tracker = context.ChangeTracker;
        var autoDetect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        IReadOnlyList<ScopeDelta> deltas;
        try
        {
            if (!tracker.Entries().Any(e => e.Entity is Reservation or IQuotaHolder))
            {
                return result;
            }

            tracker.DetectChanges();
            await SettleAsync(context, period, now, cancellationToken);
            deltas = ScopeDeltas.From(tracker, period);
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = autoDetect;
        }

        if (deltas.Count > 0)
        {
            var owned = context.Database.CurrentTransaction is null ? await context.Database.BeginTransactionAsync(cancellationToken) : null;
            _pending.AddOrUpdate(context, new Pending(deltas, owned, period));
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not { } context || !_pending.TryGetValue(context, out var pending))
        {
            return result;
        }

        _pending.Remove(context);
        try
        {
            await QuotaCounters.ApplyAsync(context, pending.Deltas, pending.Period, options.Value.Currency, cancellationToken);
            if (pending.Owned is { } transaction)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            if (pending.Owned is { } transaction)
            {
                await transaction.DisposeAsync(); // rolls back when the counters refused
            }
        }

        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
        await AbandonAsync(eventData.Context);

    public override async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) =>
        await AbandonAsync(eventData.Context);

    private async Task AbandonAsync(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending))
        {
            _pending.Remove(context);
            if (pending.Owned is { } transaction)
            {
                await transaction.DisposeAsync();
            }
        }
    }

    /// <summary>Commits or releases the reservations of instances whose phase changed in this save.</summary>
    private async Task SettleAsync(DbContext context, BudgetPeriod period, DateTime now, CancellationToken cancellationToken)
    {
        var moved = context.ChangeTracker.Entries<IQuotaHolder>()
            .Where(e => e.State == EntityState.Modified)
            .Select(e => (Holder: e.Entity, State: e.Property(e.Entity.QuotaStateProperty)))
            .Select(m => (m.Holder, From: m.Holder.PhaseOf(m.State.OriginalValue), To: m.Holder.PhaseOf(m.State.CurrentValue)))
            .Where(m => m.To != m.From && m.To != QuotaPhase.Transitional)
            .ToList();
        if (moved.Count == 0)
        {
            return;
        }

        var ids = moved.Select(m => m.Holder.Id).ToArray();
        var single = ids[0];
        var loaded = await (ids.Length == 1 // the usual case: one instance moved, an indexed equality
            ? context.Set<Reservation>().Where(r => r.InstanceId == single)
            : context.Set<Reservation>().Where(r => ids.Contains(r.InstanceId))).ToListAsync(cancellationToken);
        var ledger = loaded.Concat(context.Set<Reservation>().Local.Where(r => ids.Contains(r.InstanceId))).Distinct().ToLookup(r => r.InstanceId);
        foreach (var (holder, _, to) in moved)
        {
            Settle(holder.Id, to, [.. ledger[holder.Id].OrderBy(r => r.CreatedAt)], period, now);
        }

        context.ChangeTracker.DetectChanges();
    }

    private void Settle(string holderId, QuotaPhase phase, IReadOnlyList<Reservation> reservations, BudgetPeriod period, DateTime now)
    {
        var allocation = reservations.Where(r => r.Kind == ReservationKinds.Allocation).ToList();
        var running = reservations.Where(r => r.Kind == ReservationKinds.Running).ToList();
        var liveRunning = running.Where(r => r.Status != ReservationStatuses.Released).ToList();
        switch (phase)
        {
            case QuotaPhase.Running:
                CommitAll(holderId, allocation, period, now);
                CommitAll(holderId, liveRunning.Count > 0 ? liveRunning : running.TakeLast(1), period, now);
                break;
            case QuotaPhase.Stopped:
                CommitAll(holderId, allocation, period, now);
                liveRunning.ForEach(r => ReservationTransitions.Release(r, period, now));
                break;
            case QuotaPhase.Gone:
                foreach (var reservation in reservations)
                {
                    ReservationTransitions.Release(reservation, period, now);
                }

                break;
        }
    }

    private void CommitAll(string holderId, IEnumerable<Reservation> reservations, BudgetPeriod period, DateTime now)
    {
        foreach (var reservation in reservations)
        {
            if (ReservationTransitions.Commit(reservation, period, now))
            {
                LogRecounted(logger, holderId, reservation.Kind, reservation.Id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Instance {InstanceId} runs although its {Kind} reservation {ReservationId} was released (expired); it counts as used again")]
    private static partial void LogRecounted(ILogger logger, string instanceId, string kind, string reservationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A save's quota counters were left pending by an earlier save of the same context that never finished; discarded")]
    private static partial void LogStalePending(ILogger logger);

    private sealed record Pending(IReadOnlyList<ScopeDelta> Deltas, IDbContextTransaction? Owned, BudgetPeriod Period);
}
