using CloudBroker.Drivers;
using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Provisioning.Providers;

/// <summary>
/// The budgets in the database, for the scaled-out mode: a take is one UPDATE … RETURNING that moves the bucket's due
/// time on (<see cref="CellRate"/>), so any number of workers together stay within the provider's rate and each is
/// told its own turn. Statements run on their own, outside the caller's unit of work.
/// </summary>
internal sealed class SharedProviderPacing(TimeProvider time) : IProviderPacing
{
    public async Task<TimeSpan> TakeAsync(BrokerDbContext db, string bucket, RequestBudget budget, CancellationToken cancellationToken)
    {
        var now = Now;
        var next = await TakeAsync(db, bucket, now, budget, cancellationToken);
        if (next is null)
        {
            // The bucket's first call anywhere: it starts rested (another process may insert it at the same time).
            await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO provider_pacing ("ProviderId", "NextDueAt") VALUES ({bucket}, {now}) ON CONFLICT DO NOTHING""", cancellationToken);
            next = await TakeAsync(db, bucket, now, budget, cancellationToken)
                ?? throw new InvalidOperationException($"the pacing row of '{bucket}' vanished");
        }

        return CellRate.WaitFor(next.Value, now, budget);
    }

    public Task PauseAsync(BrokerDbContext db, string bucket, RequestBudget budget, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        var dueAt = Now + retryAfter.TotalSeconds + CellRate.Tolerance(budget);
        return db.Set<ProviderPacingRow>()
            .Where(p => p.ProviderId == bucket && p.NextDueAt < dueAt)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.NextDueAt, dueAt), cancellationToken);
    }

    /// <summary>Moves the due time on by one interval from now or from where it stands; the new due time, or null without a row.</summary>
    private static async Task<double?> TakeAsync(BrokerDbContext db, string bucket, double now, RequestBudget budget, CancellationToken cancellationToken)
    {
        var interval = CellRate.Interval(budget);
        var next = await db.Database.SqlQuery<double>(
            $"""
            UPDATE provider_pacing SET "NextDueAt" = (CASE WHEN "NextDueAt" > {now} THEN "NextDueAt" ELSE {now} END) + {interval}
            WHERE "ProviderId" = {bucket} RETURNING "NextDueAt" AS "Value"
            """).ToListAsync(cancellationToken);
        return next.Count == 1 ? next[0] : null;
    }

    private double Now => time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
}
