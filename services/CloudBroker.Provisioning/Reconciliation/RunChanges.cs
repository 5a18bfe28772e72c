using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Provisioning.Reconciliation;

/// <summary>
/// A run's unit of work on the scope's context. Each change is committed on its own, so one lost race
/// (the workflow moved first) costs only that change; then the run's rows are forgotten, and only
/// those: the context may already track rows of its request (an <c>Idempotency-Key</c> record) that
/// must survive the run.
/// </summary>
public sealed class RunChanges(BrokerDbContext db)
{
    private HashSet<object> _outside = new(ReferenceEqualityComparer.Instance);

    /// <summary>Notes what the context tracked before the run, so <see cref="Forget"/> leaves it alone.</summary>
    public void Begin() =>
        _outside = db.ChangeTracker.Entries().Select(e => e.Entity).ToHashSet(ReferenceEqualityComparer.Instance);

    /// <summary>Saves; false when a row changed since it was read. Either way the run's rows are forgotten.</summary>
    public async Task<bool> TryCommitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
        finally
        {
            Forget();
        }
    }

    /// <summary>Stops tracking every row the run touched (each change reads its rows afresh).</summary>
    public void Forget()
    {
        foreach (var entry in db.ChangeTracker.Entries().Where(e => !_outside.Contains(e.Entity)).ToList())
        {
            entry.State = EntityState.Detached;
        }
    }
}
