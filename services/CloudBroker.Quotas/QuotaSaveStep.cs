using CloudBroker.Persistence;
using CloudBroker.Persistence.Saving;
using CloudBroker.Quotas.Counters;
using CloudBroker.Quotas.Ledger;
using CloudBroker.Quotas.Pricing;
using CloudBroker.Quotas.Settlement;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudBroker.Quotas;

/// <summary>
/// Quotas' step of every save, so counters stay the exact sum of the ledger whatever code saves. Before EF writes, the
/// instances moved in this unit of work get their reservations settled (<see cref="ReservationSettlement"/>). After EF
/// wrote its rows, as the last statements before the commit (short counter locks, one lock order), the ledger lines the
/// save added or changed are added to their scopes' counters (<see cref="CounterUpdates"/>); a limit exceeded there
/// throws <c>403 quota-exceeded</c> and the whole save rolls back. Everything it uses is the save's own: nothing is kept
/// from one save, or one callback, to the next.
/// </summary>
internal sealed class QuotaSaveStep(TimeProvider time, IOptions<QuotaOptions> options, IRatedCost rated, ILogger<QuotaSaveStep> logger) : ISaveStep
{
    // Saves without ledger lines or moved instances (the outbox, the inbox, a workflow poll) cost this scan only.
    public bool Concerns(BrokerDbContext db) =>
        options.Value.Enabled && db.ChangeTracker.Entries().Any(e => e.Entity is Reservation or IQuotaHolder { Unsettled: not null });

    public async Task<BeforeCommit?> PrepareAsync(BrokerDbContext db, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var period = BudgetPeriod.Of(now);
        await ReservationSettlement.SettleMovedAsync(db, period, now, logger, cancellationToken);
        if (!db.ChangeTracker.Entries<Reservation>().Any())
        {
            return null; // the instances that moved held nothing (adopted ones)
        }

        return async beforeCommit =>
        {
            var deltas = ScopeDeltas.From(db.ChangeTracker, period);
            if (deltas.Count > 0)
            {
                await CounterUpdates.ApplyAsync(db, deltas, period, options.Value.Currency, rated, beforeCommit);
            }
        };
    }
}
