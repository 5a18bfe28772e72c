using CloudBroker.Contracts;
using CloudBroker.Persistence;
using CloudBroker.Persistence.Background;
using CloudBroker.Persistence.Outbox;
using CloudBroker.Provisioning.Operations;
using CloudBroker.Persistence.Transient;
using Microsoft.EntityFrameworkCore;
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
    ILogger<OperationSweeper> logger) : PeriodicWork(time, databaseErrors, logger)
{
    private const int BatchSize = 100;

    protected override TimeSpan Interval => options.Value.SweepInterval;

    protected override bool RunsAtStart => true;

    protected override async Task<TimeSpan> RunOnceAsync(CancellationToken cancellationToken)
    {
        await SweepAsync(cancellationToken);
        return Interval;
    }

    /// <summary>One pass; returns how many operations it re-drove.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        var now = Time.GetUtcNow().UtcDateTime;
        var expired = await db.Set<Operation>()
            .Where(o => (o.Status == OperationStatus.Pending || o.Status == OperationStatus.Running) && o.LeaseUntil < now)
            .OrderBy(o => o.LeaseUntil)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        var redriven = 0;
        foreach (var operation in expired)
        {
            object next = operation.ProviderCallMade ? new CheckOperation(operation.Id) : new ExecuteOperation(operation.Id, operation.Attempts + 1);
            db.Enqueue(next, now);
            operation.LeaseUntil = now + options.Value.LeaseLength;
            operation.Record("swept", "succeeded", now, "its next step was lost; re-driven");
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                redriven++;
                LogRedriven(Logger, operation.Id, next.GetType().Name);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear(); // Another sweeper, or the step itself, got there first.
            }
        }

        return redriven;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operation {OperationId} lost its next step; re-driven with {Message}")]
    private static partial void LogRedriven(ILogger logger, string operationId, string message);
}
