using CloudBroker.Contracts;
using CloudBroker.Persistence;
using CloudBroker.Persistence.Outbox;
using CloudBroker.Provisioning.History;
using CloudBroker.Quotas.Settlement;

namespace CloudBroker.Provisioning.Instances;

/// <summary>
/// The one place an instance's state changes. A move settles what the instance holds against its quotas (committed
/// when it runs, the running share given back when it stops, everything given back when it is gone), and its history
/// row, its event and those ledger changes commit in the transaction of the save that writes it.
/// </summary>
public static class InstanceTransitions
{
    public static void MoveTo(this BrokerDbContext db, Instance instance, InstanceState to, string cause, DateTime now, string? operationId = null)
    {
        if (instance.State == to)
        {
            return;
        }

        var from = instance.State;
        instance.State = to;
        instance.UpdatedAt = now;
        instance.Version++;
        ReservationSettlement.Settle(instance, QuotaPhaseOf(from), QuotaPhaseOf(to));
        db.RecordInstance(instance, from, cause, now, operationId);
        db.Enqueue(new InstanceStateChanged(instance.Id, instance.TenantId, instance.OwnerId, instance.ProviderId,
            from.ToString().ToLowerInvariant(), to.ToString().ToLowerInvariant(), cause, now), now);
    }

    /// <summary>What a state means for the instance's quota reservations.</summary>
    private static QuotaPhase QuotaPhaseOf(InstanceState state) => state switch
    {
        InstanceState.Running => QuotaPhase.Running,
        InstanceState.Stopped => QuotaPhase.Stopped,
        InstanceState.Terminated or InstanceState.Error or InstanceState.Vanished => QuotaPhase.Gone,
        _ => QuotaPhase.Transitional,
    };
}
