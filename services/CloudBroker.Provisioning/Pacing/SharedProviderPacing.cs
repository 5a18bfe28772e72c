using CloudBroker.Drivers;
using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudBroker.Provisioning.Pacing;

/// <summary>
/// The budgets in the database, for the scaled-out mode: a take is one UPDATE … RETURNING that moves the bucket's due
/// time on (<see cref="CellRate"/>), so any number of workers together stay within the provider's rate and each is
/// told its own turn. Statements run on a context of their own (pooled), outside any caller's unit of work: a provider
/// call is paced wherever it is made, a workflow step or a background loop.
/// </summary>
internal sealed class SharedProviderPacing(IServiceScopeFactory scopes, TimeProvider time) : IProviderPacing
{
    public async Task<PacingTurn> TakeAsync(string bucket, RequestBudget budget, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        var now = Now;
        var row = await TakeAsync(db, bucket, now, budget, cancellationToken);
        if (row is null)
        {
            // The bucket's first call anywhere: it starts rested (another process may insert it at the same time).
            await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO provider_pacing ("ProviderId", "NextDueAt", "Shift") VALUES ({bucket}, {now}, {0.0}) ON CONFLICT DO NOTHING""", cancellationToken);
            row = await TakeAsync(db, bucket, now, budget, cancellationToken)
                ?? throw new InvalidOperationException($"the pacing row of '{bucket}' vanished");
        }

        var turn = CellRate.TurnOf(row.NextDueAt, budget);
        return new PacingTurn(CellRate.Until(turn, now - row.Shift), turn);
    }

    public async Task<TimeSpan> UntilAsync(string bucket, double turn, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        var shift = await db.Set<ProviderPacingRow>().AsNoTracking().Where(p => p.ProviderId == bucket).Select(p => p.Shift).FirstOrDefaultAsync(cancellationToken);
        return CellRate.Until(turn, Now - shift);
    }

    public async Task ThrottledAsync(string bucket, RequestBudget budget, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        // Right-hand sides read the row as it was: the new shift is Shift + interval, the first token due after retryAfter in the new clock.
        var interval = CellRate.Interval(budget);
        var dueAt = Now + retryAfter.TotalSeconds + CellRate.Tolerance(budget) - interval;
        await db.Set<ProviderPacingRow>()
            .Where(p => p.ProviderId == bucket)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.NextDueAt, p => p.NextDueAt > dueAt - p.Shift ? p.NextDueAt : dueAt - p.Shift)
                .SetProperty(p => p.Shift, p => p.Shift + interval), cancellationToken);
    }

    /// <summary>Moves the due time on by one interval from now or from where it stands (bucket time); the row after, or null without one.</summary>
    private static async Task<ProviderPacingRow?> TakeAsync(BrokerDbContext db, string bucket, double now, RequestBudget budget, CancellationToken cancellationToken)
    {
        var interval = CellRate.Interval(budget);
        var rows = await db.Set<ProviderPacingRow>().FromSql(
            $"""
            UPDATE provider_pacing SET "NextDueAt" = (CASE WHEN "NextDueAt" > {now} - "Shift" THEN "NextDueAt" ELSE {now} - "Shift" END) + {interval}
            WHERE "ProviderId" = {bucket} RETURNING "ProviderId", "NextDueAt", "Shift"
            """).AsNoTracking().ToListAsync(cancellationToken);
        return rows.Count == 1 ? rows[0] : null;
    }

    private double Now => time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
}
