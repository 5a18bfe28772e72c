using CloudBroker.Drivers;
using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Provisioning.Providers;

/// <summary>
/// The budget in the database, for the scaled-out mode: a token is taken by one conditional UPDATE that
/// refills and spends in the same statement, so any number of workers together stay within the provider's
/// rate. A refusal costs a second read to say how long to wait. Statements run on their own, outside the
/// caller's unit of work.
/// </summary>
internal sealed class SharedProviderPacing(TimeProvider time) : IProviderPacing
{
    public async Task<TimeSpan> TakeAsync(BrokerDbContext db, string bucket, RequestBudget budget, CancellationToken cancellationToken)
    {
        var now = Now;
        if (await TryTakeAsync(db, bucket, budget, now, cancellationToken))
        {
            return TimeSpan.Zero;
        }

        var row = await db.Set<ProviderPacingRow>().AsNoTracking().FirstOrDefaultAsync(p => p.ProviderId == bucket, cancellationToken);
        if (row is null)
        {
            // The provider's first call anywhere: start with a full bucket (another process may do the same).
            await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO provider_pacing ("ProviderId", "Tokens", "RefilledAt", "PausedUntil") VALUES ({bucket}, {(double)budget.Burst}, {now}, {0.0}) ON CONFLICT DO NOTHING""",
                cancellationToken);
            return await TryTakeAsync(db, bucket, budget, now, cancellationToken) ? TimeSpan.Zero : TimeSpan.FromSeconds(1 / budget.RequestsPerSecond);
        }

        if (row.PausedUntil > now)
        {
            return TimeSpan.FromSeconds(row.PausedUntil - now);
        }

        var tokens = Math.Min(budget.Burst, row.Tokens + ((now - row.RefilledAt) * budget.RequestsPerSecond));
        return TimeSpan.FromSeconds(Math.Max(1 - tokens, 0.05) / budget.RequestsPerSecond);
    }

    public Task PauseAsync(BrokerDbContext db, string bucket, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        var now = Now;
        var until = now + retryAfter.TotalSeconds;
        return db.Set<ProviderPacingRow>()
            .Where(p => p.ProviderId == bucket)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.PausedUntil, p => Math.Max(p.PausedUntil, until))
                .SetProperty(p => p.Tokens, 0.0)
                .SetProperty(p => p.RefilledAt, now), cancellationToken);
    }

    private static async Task<bool> TryTakeAsync(BrokerDbContext db, string bucket, RequestBudget budget, double now, CancellationToken cancellationToken)
    {
        var rate = budget.RequestsPerSecond;
        double burst = budget.Burst;
        var taken = await db.Set<ProviderPacingRow>()
            .Where(p => p.ProviderId == bucket && p.PausedUntil <= now && p.Tokens + ((now - p.RefilledAt) * rate) >= 1)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.Tokens, p => Math.Min(burst, p.Tokens + ((now - p.RefilledAt) * rate)) - 1)
                .SetProperty(p => p.RefilledAt, now), cancellationToken);
        return taken == 1;
    }

    private double Now => time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
}
