using CloudBroker.Persistence;
using CloudBroker.Quotas.Pricing;
using Microsoft.Extensions.Options;

namespace CloudBroker.Quotas.Ledger;

/// <summary>
/// Reserves quota for accepted work by adding ledger rows to the request's unit of work. The check itself
/// happens when the request saves (<see cref="QuotaSaveStep"/>): the counters are updated as the last
/// statements of the same transaction as the instance, operation and outbox rows, and a limit exceeded
/// there rolls all of it back with <c>403 quota-exceeded</c>. Only growth reserves: stop, reboot and destroy never do.
/// </summary>
public sealed class QuotaLedger(BrokerDbContext db, QuotaPricing pricing, TimeProvider time, IOptions<QuotaOptions> options)
{
    /// <summary>A create holds one instance, its cpu, memory, storage and the rest of the month's price, and one running instance.</summary>
    public void ReserveCreate(ReservationOwner owner, string operationId, string hardwareProfileId, int cpu, int memoryMiB, int storageGiB, DateTime deadline)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var period = BudgetPeriod.Of(now);
        var hourly = pricing.HourlyMicros(owner.TenantId, owner.ProviderId, hardwareProfileId, cpu, memoryMiB, storageGiB);
        db.Add((New(owner, operationId, ReservationKinds.Allocation, now, period, deadline) with
        {
            Instances = 1,
            Cpu = cpu,
            MemoryMiB = memoryMiB,
            StorageGiB = storageGiB,
            HourlyMicros = hourly,
            BudgetMicros = period.CostFrom(hourly, now),
        }).ToReservation());
        db.Add((New(owner, operationId, ReservationKinds.Running, now, period, deadline) with { RunningInstances = 1 }).ToReservation());
    }

    /// <summary>A start holds one running instance.</summary>
    public void ReserveStart(ReservationOwner owner, string operationId, DateTime deadline)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        db.Add((New(owner, operationId, ReservationKinds.Running, now, BudgetPeriod.Of(now), deadline) with { RunningInstances = 1 }).ToReservation());
    }

    private ReservationDraft New(ReservationOwner owner, string operationId, string kind, DateTime now, BudgetPeriod period, DateTime deadline) => new()
    {
        Owner = owner,
        OperationId = operationId,
        Kind = kind,
        Now = now,
        Period = period.Key,
        ExpiresAt = deadline + options.Value.ReservationMargin,
    };
}
