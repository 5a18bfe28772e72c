using CloudBroker.Contracts;
using CloudBroker.Persistence;
using CloudBroker.Persistence.Background;
using CloudBroker.Persistence.Outbox;
using CloudBroker.Provisioning.Operations;
using CloudBroker.Persistence.Transient;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudBroker.Provisioning.Workflow;

/// <summary>
/// Re-drives every unfinished operation whose lease expired: its next step was lost with a process
/// (a message taken off the bus but never finished). It sends the step the operation needs now (the
/// provider call again, with the same idempotency token, or a check) and renews the lease; the row's
/// version makes two sweepers in two processes re-drive it once.
/// </summary>
internal sealed partial class OperationSweeper(
    IServiceScopeFactory scopes,
    TimeProvider time,
    TransientDatabaseErrors databaseErrors,
    IOptions<ProvisioningOptions> options,
    ILogger<OperationSweeper> logger) : ExpiredRowSweeper<Operation>(scopes, time, databaseErrors, logger)
{
    protected override TimeSpan Interval => options.Value.SweepInterval;

    protected override IQueryable<Operation> Due(BrokerDbContext db, DateTime now) =>
        db.Set<Operation>()
            .Where(o => (o.Status == OperationStatus.Pending || o.Status == OperationStatus.Running) && o.LeaseUntil < now)
            .OrderBy(o => o.LeaseUntil);

    protected override void Settle(BrokerDbContext db, Operation operation, DateTime now)
    {
        db.Enqueue(NextStep(operation), now);
        operation.LeaseUntil = now + options.Value.LeaseLength;
        operation.Record("swept", "succeeded", now, "its next step was lost; re-driven");
    }

    protected override void Settled(Operation operation) => LogRedriven(Logger, operation.Id, NextStep(operation).GetType().Name);

    /// <summary>
    /// An export's build again (it starts over and writes the same bytes); for an instance, the provider call again (same
    /// idempotency token) if it was never made, else a check of it.
    /// </summary>
    private static object NextStep(Operation operation) =>
        operation.Kind == OperationKind.Export ? new BuildExport(operation.Id)
        : operation.ProviderCallMade ? new CheckOperation(operation.Id)
        : new ExecuteOperation(operation.Id, operation.Attempts + 1);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operation {OperationId} lost its next step; re-driven with {Message}")]
    private static partial void LogRedriven(ILogger logger, string operationId, string message);
}
