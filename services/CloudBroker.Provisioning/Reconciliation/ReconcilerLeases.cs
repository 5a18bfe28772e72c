using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Provisioning.Reconciliation;

/// <summary>
/// Claims and releases a provider's <see cref="ReconcilerLease"/> with conditional updates, so that of
/// several processes (or requests) only one runs a provider's reconciliation at a time.
/// </summary>
internal static class ReconcilerLeases
{
    private static readonly DateTime Free = DateTime.UnixEpoch;

    /// <summary>Takes the lease for <paramref name="runId"/> if it is free or expired; false when another run holds it.</summary>
    public static async Task<bool> TryClaimAsync(this BrokerDbContext db, string providerId, string runId, DateTime now, DateTime until, CancellationToken cancellationToken)
    {
        var leases = db.Set<ReconcilerLease>();
        if (!await leases.AnyAsync(l => l.ProviderId == providerId, cancellationToken))
        {
            var row = leases.Add(new ReconcilerLease { ProviderId = providerId, LeaseUntil = Free });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another process made the row first; the conditional update below decides.
            }

            row.State = EntityState.Detached;
        }

        var claimed = await leases
            .Where(l => l.ProviderId == providerId && l.LeaseUntil <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.RunId, runId).SetProperty(l => l.LeaseUntil, until), cancellationToken);
        return claimed == 1;
    }

    /// <summary>Extends the lease while <paramref name="runId"/> holds it; false when it no longer does.</summary>
    public static async Task<bool> RenewAsync(this BrokerDbContext db, string providerId, string runId, DateTime until, CancellationToken cancellationToken) =>
        await db.Set<ReconcilerLease>()
            .Where(l => l.ProviderId == providerId && l.RunId == runId)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.LeaseUntil, until), cancellationToken) > 0;

    /// <summary>Frees the lease if <paramref name="runId"/> still holds it.</summary>
    public static Task ReleaseAsync(this BrokerDbContext db, string providerId, string runId, CancellationToken cancellationToken) =>
        db.Set<ReconcilerLease>()
            .Where(l => l.ProviderId == providerId && l.RunId == runId)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.LeaseUntil, Free), cancellationToken);

    /// <summary>
    /// Ends the provider's runs still marked running: whoever holds the lease now is the only live run,
    /// so any other was left by a process that stopped before it finished.
    /// </summary>
    public static Task FailAbandonedRunsAsync(this BrokerDbContext db, string providerId, string runId, DateTime now, CancellationToken cancellationToken) =>
        db.Set<ReconciliationRun>()
            .Where(r => r.ProviderId == providerId && r.Status == ReconciliationStatus.Running && r.Id != runId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, ReconciliationStatus.Failed)
                .SetProperty(r => r.Error, "abandoned: its process stopped before the run finished")
                .SetProperty(r => r.FinishedAt, (DateTime?)now), cancellationToken);
}
