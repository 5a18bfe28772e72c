using System.Data.Common;
using System.Runtime.CompilerServices;
using CloudBroker.Persistence.Background;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CloudBroker.Persistence.Outbox;

/// <summary>
/// Signals the dispatcher after a save that committed unsent outbox rows. A save inside a transaction the caller
/// opened (a create that checks its group in it, an idempotent request) commits only with that transaction: the
/// signal waits for its commit, or a dispatcher woken too early would find nothing and sleep a whole poll interval.
/// </summary>
internal sealed class OutboxSignalInterceptor([FromKeyedServices(typeof(OutboxMessage))] WakeSignal signal) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbTransaction, object> _pending = [];

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        NotifyIfUnsent(eventData.Context);
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        NotifyIfUnsent(eventData.Context);
        return base.SavedChanges(eventData, result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => NotifyIfPending(transaction);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        NotifyIfPending(transaction);
        return Task.CompletedTask;
    }

    private void NotifyIfUnsent(DbContext? context)
    {
        if (context is null || !context.ChangeTracker.Entries<OutboxMessage>().Any(e => e.Entity.SentAt is null))
        {
            return;
        }

        if (context.Database.CurrentTransaction is { } open)
        {
            _pending.AddOrUpdate(open.GetDbTransaction(), this);
        }
        else
        {
            signal.Notify();
        }
    }

    private void NotifyIfPending(DbTransaction transaction)
    {
        if (_pending.Remove(transaction))
        {
            signal.Notify();
        }
    }
}
