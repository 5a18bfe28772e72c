using CloudBroker.Persistence;
using CloudBroker.Provisioning.Instances;
using CloudBroker.Provisioning.Operations;

namespace CloudBroker.Provisioning.History;

/// <summary>Adds history rows to the transaction that makes the change they record.</summary>
public static class HistoryRecording
{
    public static void RecordInstance(this BrokerDbContext db, Instance instance, InstanceState? from, string cause, DateTime at, string? operationId = null) =>
        db.Add(new InstanceEvent
        {
            InstanceId = instance.Id,
            Subject = InstanceEvent.InstanceSubject,
            OperationId = operationId,
            From = from?.ToString().ToLowerInvariant(),
            To = instance.State.ToString().ToLowerInvariant(),
            Cause = Truncate(cause),
            At = at,
            TenantId = instance.TenantId,
            Tags = from is null ? InstanceTags.ToJson(instance.Tags) : null,
        });

    /// <summary>Records a change of the instance's tags (its state stays), with the tags now in force.</summary>
    public static void RecordTags(this BrokerDbContext db, Instance instance, DateTime at) =>
        db.Add(new InstanceEvent
        {
            InstanceId = instance.Id,
            Subject = InstanceEvent.InstanceSubject,
            From = instance.State.ToString().ToLowerInvariant(),
            To = instance.State.ToString().ToLowerInvariant(),
            Cause = "tags changed",
            At = at,
            TenantId = instance.TenantId,
            Tags = InstanceTags.ToJson(instance.Tags),
        });

    /// <summary>Records a newly accepted operation.</summary>
    public static void RecordAccepted(this BrokerDbContext db, Operation operation, DateTime at) =>
        db.Add(OperationEvent(operation, null, "accepted", at));

    /// <summary>Sets an operation's status and records the change.</summary>
    public static void MoveTo(this BrokerDbContext db, Operation operation, OperationStatus to, string cause, DateTime at)
    {
        if (operation.Status == to)
        {
            return;
        }

        var from = operation.Status;
        operation.Status = to;
        db.Add(OperationEvent(operation, from, cause, at));
    }

    private static InstanceEvent OperationEvent(Operation operation, OperationStatus? from, string cause, DateTime at) => new()
    {
        InstanceId = operation.TargetId,
        Subject = InstanceEvent.OperationSubject,
        OperationId = operation.Id,
        From = from?.ToString().ToLowerInvariant(),
        To = operation.Status.ToString().ToLowerInvariant(),
        Cause = Truncate(operation.Kind.ToString().ToLowerInvariant() + ": " + cause),
        At = at,
        TenantId = operation.TenantId,
    };

    private static string Truncate(string cause) => cause.Length <= 1000 ? cause : cause[..997] + "...";
}
