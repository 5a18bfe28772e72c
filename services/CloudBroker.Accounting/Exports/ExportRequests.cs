using CloudBroker.Accounting.Periods;
using CloudBroker.Contracts;
using CloudBroker.Persistence;
using CloudBroker.Persistence.Outbox;
using CloudBroker.Provisioning.Operations;
using Microsoft.EntityFrameworkCore;

namespace CloudBroker.Accounting.Exports;

/// <summary>
/// Accepts an export: the next revision of the tenant's period, its operation of kind <c>export</c> and the
/// <see cref="BuildExport"/> message, in one transaction (the outbox), as every long-running request is accepted —
/// whether finance asked through the API or the worker's <see cref="ExportSchedule"/> did.
/// </summary>
public sealed class ExportRequests(BrokerDbContext db, BillingPeriods periods, TimeProvider time)
{
    public async Task<(Export Export, Operation Operation)> AcceptAsync(string tenantId, DateTime periodStart, string requestedBy, CancellationToken cancellationToken)
    {
        var closed = await periods.IsClosedAsync(periodStart, cancellationToken);
        var last = await db.Set<Export>().Where(e => e.TenantId == tenantId && e.PeriodStart == periodStart).MaxAsync(e => (int?)e.Revision, cancellationToken);
        var accepted = Stage(tenantId, periodStart, (last ?? 0) + 1, closed, requestedBy, schedule: null);
        await db.SaveChangesAsync(cancellationToken);
        return accepted;
    }

    /// <summary>
    /// Adds the export, its operation and its outbox row to the context without saving: the caller saves them, with
    /// others (the schedule accepts a whole day's revisions in one transaction).
    /// </summary>
    public (Export Export, Operation Operation) Stage(string tenantId, DateTime periodStart, int revision, bool closed, string requestedBy, string? schedule)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var operation = new Operation
        {
            Id = Guid.CreateVersion7().ToString(),
            Kind = OperationKind.Export,
            Status = OperationStatus.Pending,
            TargetId = Guid.CreateVersion7().ToString(),
            TenantId = tenantId,
            OwnerId = requestedBy,
            GroupId = string.Empty, // no group: the tenant's readers of costs see it, its members do not
            CreatedAt = now,
            UpdatedAt = now,
            Deadline = now + ExportBuilder.BuildLease,
            LeaseUntil = now + ExportBuilder.BuildLease,
        };
        operation.Record("accepted", "succeeded", now);
        var export = new Export
        {
            Id = operation.TargetId,
            TenantId = tenantId,
            PeriodStart = periodStart,
            Revision = revision,
            Final = closed,
            Schedule = schedule,
            Status = ExportStatus.Pending,
            OperationId = operation.Id,
            Watermark = periodStart,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(operation);
        db.Add(export);
        db.Enqueue(new BuildExport(operation.Id), now);
        return (export, operation);
    }
}
