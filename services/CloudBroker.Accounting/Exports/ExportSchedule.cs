using System.Globalization;
using CloudBroker.Accounting.Periods;
using CloudBroker.Accounting.Rating;
using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CloudBroker.Accounting.Exports;

/// <summary>
/// The revisions nobody has to ask for, one round of the worker's <see cref="ExportScheduler"/>: for every tenant with
/// charges in an open period, one revision per day once rating has covered the day (the rating watermark has passed
/// its end), and for every tenant with charges in a closed period, its final revision once. Each is requested as finance
/// requests one (<see cref="ExportRequests"/>: an operation of kind <c>export</c> and a <c>BuildExport</c> message),
/// marked with what it is for (<see cref="Export.Schedule"/>: the day, or <c>final</c>). The tenant, period and mark
/// are a unique key, and a round accepts the missing ones of a period in one transaction: a second process making the
/// same ones fails on the key and changes nothing.
/// </summary>
public sealed partial class ExportSchedule(BrokerDbContext db, ExportRequests requests, ILogger<ExportSchedule> logger)
{
    /// <summary>The mark of a period's final revision.</summary>
    public const string Final = "final";

    /// <summary>Who the operations are requested by: not a user name (names never hold a colon), so no user owns them.</summary>
    public const string RequestedBy = "system:export-schedule";

    /// <summary>The mark of the daily revision covering <paramref name="day"/>.</summary>
    public static string Daily(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The last whole day of <paramref name="period"/> that usage is rated through at <paramref name="watermark"/>; null before its first.</summary>
    public static DateTime? CoveredDay(DateTime period, DateTime watermark)
    {
        var end = period.AddMonths(1);
        var ratedThrough = watermark.Date < end ? watermark.Date : end;
        return ratedThrough > period ? ratedThrough.AddDays(-1) : null;
    }

    /// <summary>Requests the revisions due at the rating watermark; returns how many.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var watermark = (await db.Set<RatingWatermark>().AsNoTracking().FirstOrDefaultAsync(cancellationToken))?.RatedTo;
        if (watermark is null)
        {
            return 0;
        }

        var known = await db.Set<BillingPeriod>().AsNoTracking().OrderBy(p => p.Start).ToListAsync(cancellationToken);
        var requested = 0;

        // Finals, oldest period first: a closed period's charges never change and periods close in order, so every
        // closed period up to the newest with a final is done (finalized, or no charges to export): not looked at again.
        var finalized = await db.Set<Export>().Where(e => e.Schedule == Final).MaxAsync(e => (DateTime?)e.PeriodStart, cancellationToken);
        foreach (var closed in known.Where(p => p.ClosedAt is not null && (finalized is null || p.Start > finalized)))
        {
            var made = await RequestAsync(closed.Start, Final, closed: true, cancellationToken);
            if (made < 0)
            {
                return requested; // another process took it: the next round goes on from there
            }

            requested += made;
        }

        var current = BillingPeriods.PeriodOf(watermark.Value);
        foreach (var open in known.Where(p => p.ClosedAt is null).Select(p => p.Start).Append(current).Distinct().Order())
        {
            if (CoveredDay(open, watermark.Value) is { } day)
            {
                requested += Math.Max(0, await RequestAsync(open, Daily(day), closed: false, cancellationToken));
            }
        }

        return requested;
    }

    /// <summary>
    /// Requests the <paramref name="mark"/> revision of every tenant with charges in <paramref name="period"/> that has
    /// none yet (a tenant the rating run reached after an earlier round gets its own at the next); returns how many, or
    /// −1 when another process made some of them first (then none is made here).
    /// </summary>
    private async Task<int> RequestAsync(DateTime period, string mark, bool closed, CancellationToken cancellationToken)
    {
        var charged = await db.Set<Charge>().Where(c => c.BillingPeriod == period).Select(c => c.TenantId).Distinct().ToListAsync(cancellationToken);
        var made = await db.Set<Export>().Where(e => e.PeriodStart == period && e.Schedule == mark).Select(e => e.TenantId).ToListAsync(cancellationToken);
        var tenants = charged.Except(made, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(); // one order in every process: a race ends at the first row
        if (tenants.Count == 0)
        {
            return 0;
        }

        var revisions = await db.Set<Export>().Where(e => e.PeriodStart == period && tenants.Contains(e.TenantId)).GroupBy(e => e.TenantId)
            .Select(g => new { TenantId = g.Key, Last = g.Max(e => e.Revision) })
            .ToDictionaryAsync(r => r.TenantId, r => r.Last, StringComparer.Ordinal, cancellationToken);
        foreach (var tenantId in tenants)
        {
            requests.Stage(tenantId, period, revisions.GetValueOrDefault(tenantId) + 1, closed, RequestedBy, mark);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            LogTaken(logger, period, mark);
            return -1;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        LogRequested(logger, tenants.Count, period, mark);
        return tenants.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Requested {Count} exports of period {Period:yyyy-MM} ({Mark})")]
    private static partial void LogRequested(ILogger logger, int count, DateTime period, string mark);

    [LoggerMessage(Level = LogLevel.Information, Message = "The exports of period {Period:yyyy-MM} ({Mark}) were requested by another process, or a request took a revision first; the next round looks again")]
    private static partial void LogTaken(ILogger logger, DateTime period, string mark);
}
