using CloudBroker.Contracts;
using CloudBroker.Drivers;
using CloudBroker.Persistence;
using CloudBroker.Persistence.Outbox;
using CloudBroker.Problems;
using CloudBroker.Provisioning.History;
using CloudBroker.Provisioning.Instances;
using CloudBroker.Provisioning.Operations;
using CloudBroker.Provisioning.Telemetry;
using Microsoft.Extensions.Options;

namespace CloudBroker.Provisioning.Workflow;

/// <summary>
/// What a workflow step writes: the next timer row with the operation's lease, or the operation's
/// end with the instance's settled state and history; a failed create also schedules its compensation.
/// </summary>
internal sealed class OperationOutcomes(BrokerDbContext db, TimeProvider time, IOptions<ProvisioningOptions> options)
{
    /// <summary>Schedules the operation's next step and extends its lease past it (a finished one's step is compensation: no lease).</summary>
    public void Schedule(Operation operation, object message, DateTime at)
    {
        db.Enqueue(message, Now, at);
        if (!operation.IsFinished)
        {
            operation.LeaseUntil = at + options.Value.LeaseLength;
        }
    }

    /// <summary>The operation is running from <paramref name="at"/>, when its first provider call was made.</summary>
    public void Start(Operation operation, DateTime at) => db.MoveTo(operation, OperationStatus.Running, "first provider call", at);

    public void Complete(Operation operation, Instance instance, DriverInstance? seen, DateTime now)
    {
        if (seen is not null)
        {
            instance.Addresses = [.. seen.Addresses];
            instance.RealmId ??= seen.RealmId;
        }

        var settled = seen is null ? InstanceState.Terminated : OperationTargets.Settled(seen.State);
        db.MoveTo(instance, settled, OperationTargets.Cause(operation.Kind, succeeded: true), now, operation.Id);
        db.MoveTo(operation, OperationStatus.Succeeded, "the provider reports " + settled.ToString().ToLowerInvariant(), now);
        operation.Succeed(now);
        ProvisioningMetrics.Ended(operation, instance.ProviderId, now);
    }

    public void Fail(Operation operation, Instance instance, ProblemType type, string detail, DateTime now, InstanceState to = InstanceState.Error)
    {
        db.MoveTo(instance, to, OperationTargets.Cause(operation.Kind, succeeded: false) + ": " + detail, now, operation.Id);
        db.MoveTo(operation, OperationStatus.Failed, detail, now);
        operation.Fail(type, detail, now);
        ProvisioningMetrics.Ended(operation, instance.ProviderId, now);
        if (operation.Kind == OperationKind.Create)
        {
            // The provider may hold a machine the create made before it failed or timed out: remove it.
            db.Enqueue(new CompensateInstance(instance.Id, operation.Id, 1), now);
        }
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
