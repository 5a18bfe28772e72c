using CloudBroker.Persistence;
using CloudBroker.Problems;
using CloudBroker.Provisioning.Instances;
using CloudBroker.Provisioning.Operations;
using CloudBroker.Provisioning.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CloudBroker.Provisioning.Reconciliation;

/// <summary>
/// Fails the operations on a provider's instances that are still unfinished past their deadline (and a
/// grace left to their own workflow). They end as a workflow timeout ends them (<see cref="OperationOutcomes.Fail"/>):
/// the instance in error with the reason, and a failed create's leftovers compensated.
/// </summary>
public sealed class StuckOperations(
    BrokerDbContext db, RunChanges changes, TimeProvider time, IOptions<ReconcilerOptions> options, IOptions<ProvisioningOptions> provisioning)
{
    // Stateless over this scope's context; made here because the workflow keeps it internal.
    private readonly OperationOutcomes _outcomes = new(db, time, provisioning);

    public async Task ResolveAsync(string providerId, ReconciliationRun run, CancellationToken cancellationToken)
    {
        var cutoff = Now - options.Value.StuckGrace;
        var stuck = await (
                from operation in db.Set<Operation>()
                join instance in db.Set<Instance>() on operation.TargetId equals instance.Id
                where instance.ProviderId == providerId
                      && (operation.Status == OperationStatus.Pending || operation.Status == OperationStatus.Running)
                      && operation.Deadline < cutoff
                orderby operation.Id
                select operation.Id)
            .ToListAsync(cancellationToken);
        foreach (var operationId in stuck)
        {
            await FailAsync(operationId, run, cancellationToken);
        }
    }

    private async Task FailAsync(string operationId, ReconciliationRun run, CancellationToken cancellationToken)
    {
        var operation = await db.Set<Operation>().FirstAsync(o => o.Id == operationId, cancellationToken);
        var instance = await db.Set<Instance>().FirstAsync(i => i.Id == operation.TargetId, cancellationToken);
        if (operation.IsFinished)
        {
            return; // its workflow ended it after the query above.
        }

        var now = Now;
        var detail = $"still {operation.Status.ToString().ToLowerInvariant()} {(now - operation.Deadline).TotalSeconds:0} s past its deadline; failed by the reconciler (run {run.Id})";
        _outcomes.Fail(operation, instance, ProblemTypes.ProviderError, detail, now);
        var machineId = instance.ProviderInstanceId;
        var instanceId = instance.Id;
        var what = $"operation {operation.Id} ({operation.Kind.ToString().ToLowerInvariant()}) {detail}";
        if (await changes.TryCommitAsync(cancellationToken))
        {
            run.StuckResolved++;
            run.Note(machineId, instanceId, null, ReconciliationActions.OperationFailed, what);
        }
        else
        {
            run.Note(machineId, instanceId, null, ReconciliationActions.Skipped, $"operation {operationId} moved on while the run looked at it");
        }
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
