using CloudBroker.Quotas.Ledger;
using CloudBroker.Quotas.Pricing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CloudBroker.Quotas.Settlement;

/// <summary>
/// Where quota is settled: an instance's reservations follow its state. When it runs they become used, when it stops
/// its running reservation is given back, when it is gone (terminated, error, vanished) everything it holds is. The one
/// place that moves an instance (Provisioning's <c>InstanceTransitions.MoveTo</c>) calls <see cref="Settle"/>; the save
/// that writes the move reads the instance's ledger lines and moves them before EF writes (<see cref="QuotaSaveStep"/>),
/// so they commit in the move's transaction and the counters that same save updates include them.
/// </summary>
public static partial class ReservationSettlement
{
    /// <summary>
    /// <paramref name="holder"/> moved from phase <paramref name="from"/> to <paramref name="to"/>: its reservations are
    /// settled for <paramref name="to"/> by the save that writes the move (a move into a transitional state settles nothing).
    /// </summary>
    public static void Settle(IQuotaHolder holder, QuotaPhase from, QuotaPhase to)
    {
        if (to != from)
        {
            holder.Unsettled = to == QuotaPhase.Transitional ? null : to;
        }
    }

    /// <summary>Settles the instances of this unit of work that moved (<see cref="IQuotaHolder.Unsettled"/>); one ledger query when any did.</summary>
    internal static async Task SettleMovedAsync(DbContext db, BudgetPeriod period, DateTime now, ILogger logger, CancellationToken cancellationToken)
    {
        var moved = db.ChangeTracker.Entries<IQuotaHolder>().Select(e => e.Entity).Where(h => h.Unsettled is not null).ToList();
        if (moved.Count == 0)
        {
            return;
        }

        var ids = moved.Select(h => h.Id).ToArray();
        var single = ids[0];
        var loaded = await (ids.Length == 1 // the usual case: one instance moved, an indexed equality
            ? db.Set<Reservation>().Where(r => r.InstanceId == single)
            : db.Set<Reservation>().Where(r => ids.Contains(r.InstanceId))).ToListAsync(cancellationToken);
        var ledger = loaded.Concat(db.Set<Reservation>().Local.Where(r => ids.Contains(r.InstanceId))).Distinct().ToLookup(r => r.InstanceId);
        foreach (var holder in moved)
        {
            Apply(holder.Id, holder.Unsettled!.Value, [.. ledger[holder.Id].OrderBy(r => r.CreatedAt)], period, now, logger);
            holder.Unsettled = null; // the lines changed in memory: a save run again counts them from their originals
        }
    }

    private static void Apply(string holderId, QuotaPhase phase, IReadOnlyList<Reservation> reservations, BudgetPeriod period, DateTime now, ILogger logger)
    {
        var allocation = reservations.Where(r => r.Kind == ReservationKinds.Allocation).ToList();
        var running = reservations.Where(r => r.Kind == ReservationKinds.Running).ToList();
        var liveRunning = running.Where(r => r.Status != ReservationStatuses.Released).ToList();
        switch (phase)
        {
            case QuotaPhase.Running:
                CommitAll(holderId, allocation, period, now, logger);
                CommitAll(holderId, liveRunning.Count > 0 ? liveRunning : running.TakeLast(1), period, now, logger);
                break;
            case QuotaPhase.Stopped:
                CommitAll(holderId, allocation, period, now, logger);
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

    private static void CommitAll(string holderId, IEnumerable<Reservation> reservations, BudgetPeriod period, DateTime now, ILogger logger)
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
}
