using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CloudBroker.Accounting.Periods;

/// <summary>
/// The rules of billing periods, in one place: a period is a calendar month in UTC; it is open until the rating run
/// closes it, at its first run once the month has ended and <see cref="AccountingOptions.PeriodGrace"/> has passed
/// (after rating the month one last time); from then on it is closed for good — its charges, names and pre-aggregates
/// are never written again, and what rating would change in it is billed as corrections in <see cref="CorrectionPeriod"/>.
/// Whether a period is closed is what its <c>billing_periods</c> row says, so every process agrees.
/// </summary>
public sealed class BillingPeriods(BrokerDbContext db, IOptions<AccountingOptions> options)
{
    /// <summary>The period a moment falls in: its month's first instant (UTC).</summary>
    public static DateTime PeriodOf(DateTime at) => new(at.Year, at.Month, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// The period corrections of closed periods are billed in at <paramref name="now"/>: the current month's, which is
    /// always open (a period cannot close before its month ends).
    /// </summary>
    public static DateTime CorrectionPeriod(DateTime now) => PeriodOf(now);

    /// <summary>When a period becomes due to close: the end of its month plus the grace.</summary>
    public DateTime DueAt(DateTime period) => period.AddMonths(1) + options.Value.PeriodGrace;

    /// <summary>Whether the period is closed (its row says so).</summary>
    public Task<bool> IsClosedAsync(DateTime period, CancellationToken cancellationToken) =>
        db.Set<BillingPeriod>().AnyAsync(p => p.Start == period && p.ClosedAt != null, cancellationToken);

    /// <summary>The closed periods among <c>[from, to)</c>.</summary>
    public async Task<HashSet<DateTime>> ClosedAsync(DateTime from, DateTime to, CancellationToken cancellationToken) =>
        [.. await db.Set<BillingPeriod>().Where(p => p.Start >= from && p.Start < to && p.ClosedAt != null).Select(p => p.Start).ToListAsync(cancellationToken)];

    /// <summary>The oldest period not closed yet: usage from then on may still be billed in its own period.</summary>
    public async Task<DateTime> OldestOpenAsync(DateTime now, CancellationToken cancellationToken)
    {
        var lastClosed = await db.Set<BillingPeriod>().Where(p => p.ClosedAt != null).MaxAsync(p => (DateTime?)p.Start, cancellationToken);
        var open = await db.Set<BillingPeriod>().Where(p => p.ClosedAt == null).MinAsync(p => (DateTime?)p.Start, cancellationToken);
        return open ?? (lastClosed?.AddMonths(1) ?? PeriodOf(now));
    }

    /// <summary>Every period known (rated at least once), newest first.</summary>
    public Task<List<BillingPeriod>> ListAsync(CancellationToken cancellationToken) =>
        db.Set<BillingPeriod>().AsNoTracking().OrderByDescending(p => p.Start).ToListAsync(cancellationToken);
}
