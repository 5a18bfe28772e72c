using CloudBroker.Contracts;
using CloudBroker.Persistence;
using CloudBroker.Persistence.Outbox;
using CloudBroker.Provisioning.History;

namespace CloudBroker.Provisioning.Instances;

/// <summary>Moves an instance to a new state; its history row and its event commit in the same transaction.</summary>
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
        db.RecordInstance(instance, from, cause, now, operationId);
        db.Enqueue(new InstanceStateChanged(instance.Id, instance.TenantId, instance.OwnerId, instance.ProviderId,
            from.ToString().ToLowerInvariant(), to.ToString().ToLowerInvariant(), cause, now), now);
    }
}
