using CloudBroker.Accounting.Alerts;
using CloudBroker.Accounting.Metering;
using CloudBroker.Accounting.Periods;
using CloudBroker.Accounting.Pricing;
using CloudBroker.Accounting.Showback;
using CloudBroker.Persistence;
using CloudBroker.Quotas.Counters;
using CloudBroker.Quotas.Pricing;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Accounting.Rating;

/// <summary>
/// Rates usage up to a watermark into the <c>charges</c> table: for every month from the one before the last
/// watermark's to the new one's, and every tenant with usage (or charges) in it, the pure <see cref="Rater"/> rates the
/// tenant's month from its start. In an open billing period the tenant's charges of that month are replaced by the
/// result; a closed one is never written again: what the result differs from what it billed (and corrected since) is
/// billed as corrections in the open period (<see cref="Corrections"/>). Either way in one transaction that also rewrites
/// the tenant's showback pre-aggregates of the charges it replaces and records the names they are billed under. Once
/// a month is rated and its period is due (<see cref="BillingPeriods"/>), the period closes. Rating is deterministic,
/// so a re-run, in this process or another, writes the same ids and amounts. Runs in one process at a time per tenant
/// month: each transaction first updates the watermark row, which PostgreSQL locks and SQLite serializes anyway. Rating
/// the current month also recounts the tenant's budgets in the same transaction (<see cref="BudgetRecount"/>): rated cost
/// to the watermark as <c>used</c>, the estimate from there on as <c>reserved</c>) and raises the alerts of the
/// thresholds the rated cost reached, once each (<see cref="BudgetAlerts"/>).
/// </summary>
public sealed class RatingRun(BrokerDbContext db, PublishedPrices prices, BillingPeriods periods, BudgetRecount budgets, BudgetAlerts alerts, TimeProvider time)
{
    /// <summary>How often a tenant month is rated again when a ledger line changed under its recount (PostgreSQL).</summary>
    private const int Attempts = 3;

    /// <summary>
    /// Rates everything before <paramref name="watermark"/> from the month before the last watermark's (usage metered
    /// late, after a worker outage, still lands in a month that is rated again), or from the first usage on the first
    /// run; returns how many tenant months were rated.
    /// </summary>
    public async Task<int> RunAsync(DateTime watermark, CancellationToken cancellationToken)
    {
        var last = await db.Set<RatingWatermark>().AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        var first = last is not null ? BillingPeriods.PeriodOf(last.RatedTo).AddMonths(-1) : await db.Set<UsageInterval>().MinAsync(u => (DateTime?)u.Start, cancellationToken);
        var rated = first is null ? 0 : await RateAsync(BillingPeriods.PeriodOf(first.Value), watermark, cancellationToken);
        await SetWatermarkAsync(watermark, cancellationToken);
        return rated;
    }

    /// <summary>
    /// Rates the months from <paramref name="fromMonth"/> up to <paramref name="watermark"/>, which is also the run's
    /// clock: the open period corrections go to, and what periods are due to close (the watermark row is left alone).
    /// </summary>
    public async Task<int> RateAsync(DateTime fromMonth, DateTime watermark, CancellationToken cancellationToken)
    {
        await prices.RefreshAsync(db, cancellationToken);
        var catalog = prices.Catalog;
        var rated = 0;
        for (var month = BillingPeriods.PeriodOf(fromMonth); month < watermark; month = month.AddMonths(1))
        {
            var closed = await periods.IsClosedAsync(month, cancellationToken);
            var to = month.AddMonths(1) < watermark ? month.AddMonths(1) : watermark;
            foreach (var tenantId in await TenantsAsync(month, to, cancellationToken))
            {
                await RateTenantMonthAsync(tenantId, month, to, closed ? BillingPeriods.CorrectionPeriod(watermark) : null, catalog, cancellationToken);
                rated++;
            }

            if (!closed)
            {
                await periods.OpenOrCloseAsync(month, watermark, cancellationToken);
            }
        }

        return rated;
    }

    /// <summary>
    /// Rates one tenant's month: replaces its charges while the month's period is open (<paramref name="correctIn"/>
    /// null), else replaces its corrections of that month billed in <paramref name="correctIn"/>.
    /// </summary>
    private async Task RateTenantMonthAsync(string tenantId, DateTime month, DateTime to, DateTime? correctIn, PriceCatalog catalog, CancellationToken cancellationToken)
    {
        var usage = await db.Set<UsageInterval>().AsNoTracking()
            .Where(u => u.TenantId == tenantId && u.Start < to && (u.End == null || u.End > month))
            .OrderBy(u => u.Start).ThenBy(u => u.Id)
            .ToListAsync(cancellationToken);
        var rated = Rater.Rate(usage, catalog, month, to).ToList();
        var end = month.AddMonths(1);

        // Budgets count the current month only: rating an older month changes no counter.
        var current = BudgetPeriod.Of(to) == BudgetPeriod.Of(time.GetUtcNow().UtcDateTime);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await db.Set<RatingWatermark>().ExecuteUpdateAsync(s => s.SetProperty(w => w.UpdatedAt, w => w.UpdatedAt), cancellationToken); // the run's lock
                List<Charge> written;
                DateTime period;
                if (correctIn is not { } open)
                {
                    if (await periods.IsClosedAsync(month, cancellationToken))
                    {
                        return; // another process closed it since this run looked: the next run corrects it instead
                    }

                    period = month;
                    written = rated;
                    await db.Set<Charge>().Where(c => c.TenantId == tenantId && c.BillingPeriod == month && c.ChargeClass == null).ExecuteDeleteAsync(cancellationToken);
                    await db.Set<CostRollup>().Where(r => r.TenantId == tenantId && r.BillingPeriod == month && !r.IsCorrection).ExecuteDeleteAsync(cancellationToken);
                }
                else
                {
                    period = open;
                    var billed = await db.Set<Charge>().AsNoTracking()
                        .Where(c => c.TenantId == tenantId && ((c.BillingPeriod == month && c.ChargeClass == null)
                            || (c.ChargeClass == ChargeClasses.Correction && c.BillingPeriod != open && c.Day >= month && c.Day < end)))
                        .ToListAsync(cancellationToken);
                    written = Corrections.Of(rated, billed, open);
                    await db.Set<Charge>().Where(c => c.TenantId == tenantId && c.BillingPeriod == open && c.ChargeClass == ChargeClasses.Correction && c.Day >= month && c.Day < end)
                        .ExecuteDeleteAsync(cancellationToken);
                    await db.Set<CostRollup>().Where(r => r.TenantId == tenantId && r.BillingPeriod == open && r.IsCorrection && r.Day >= month && r.Day < end)
                        .ExecuteDeleteAsync(cancellationToken);
                }

                db.AddRange(written);
                db.AddRange(CostRollups.Of(written));
                await PeriodNames.RecordAsync(db, period, tenantId, [.. written.Select(c => c.GroupId).Distinct()], cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                if (current)
                {
                    await budgets.ApplyAsync(db, tenantId, to, cancellationToken);
                    await alerts.RaiseAsync(db, tenantId, to, cancellationToken);
                    await db.SaveChangesAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                // A save changed one of the tenant's lines between the recount's read and its write: rate the month again.
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Tenants with usage in the month up to <paramref name="to"/>, or charges of it (whose usage may be gone).</summary>
    private async Task<List<string>> TenantsAsync(DateTime month, DateTime to, CancellationToken cancellationToken)
    {
        var end = month.AddMonths(1);
        var used = await db.Set<UsageInterval>().Where(u => u.Start < to && (u.End == null || u.End > month)).Select(u => u.TenantId).Distinct().ToListAsync(cancellationToken);
        var charged = await db.Set<Charge>().Where(c => c.Day >= month && c.Day < end).Select(c => c.TenantId).Distinct().ToListAsync(cancellationToken);
        return [.. used.Union(charged).Order(StringComparer.Ordinal)];
    }

    private async Task SetWatermarkAsync(DateTime watermark, CancellationToken cancellationToken)
    {
        var row = await db.Set<RatingWatermark>().FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            db.Add(new RatingWatermark { RatedTo = watermark, UpdatedAt = watermark });
        }
        else if (row.RatedTo < watermark)
        {
            row.RatedTo = watermark;
            row.UpdatedAt = watermark;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear(); // another process made the row first: its watermark is as good as ours
        }
    }
}
