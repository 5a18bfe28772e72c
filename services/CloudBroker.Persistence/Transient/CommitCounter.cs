using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CloudBroker.Persistence.Transient;

/// <summary>
/// Counts what work on a <see cref="BrokerDbContext"/> committed (<see cref="BrokerDbContext.Commits"/>): a save that ran
/// in no caller's transaction, a transaction committed, a statement run outside any transaction. A request that failed
/// without committing anything changed nothing, so it may run again; one that committed part of its work may not.
/// </summary>
internal sealed class CommitCounter : SaveChangesInterceptor, IDbTransactionInterceptor, IDbCommandInterceptor
{
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        CountIfAutonomous(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        CountIfAutonomous(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Count(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Count(eventData.Context);
        return Task.CompletedTask;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        CountIfOutsideTransaction(command, eventData.Context);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        CountIfOutsideTransaction(command, eventData.Context);
        return ValueTask.FromResult(result);
    }

    /// <summary>A save outside a caller's transaction committed by itself (in EF's own transaction, or as one statement).</summary>
    private static void CountIfAutonomous(Microsoft.EntityFrameworkCore.DbContext? context)
    {
        if (context is BrokerDbContext db && db.Database.CurrentTransaction is null)
        {
            db.CountCommit();
        }
    }

    /// <summary><c>ExecuteUpdate</c>, <c>ExecuteDelete</c> and raw statements outside a transaction commit as they run.</summary>
    private static void CountIfOutsideTransaction(DbCommand command, Microsoft.EntityFrameworkCore.DbContext? context)
    {
        if (command.Transaction is null)
        {
            Count(context);
        }
    }

    private static void Count(Microsoft.EntityFrameworkCore.DbContext? context) => (context as BrokerDbContext)?.CountCommit();
}
