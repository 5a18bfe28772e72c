using CloudBroker.Contracts;
using CloudBroker.Drivers;
using CloudBroker.Persistence;
using CloudBroker.Persistence.Outbox;
using CloudBroker.Provisioning.Calls;
using CloudBroker.Provisioning.History;
using CloudBroker.Provisioning.Instances;
using CloudBroker.Provisioning.Operations;
using CloudBroker.Provisioning.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudBroker.Provisioning.Workflow;

/// <summary>
/// Removes what a failed create left at the provider (<see cref="InstanceMachines"/>: the machine it knows of, and any
/// carrying this installation's and this instance's tags — a disk left without its machine included).
/// Retried with backoff while the provider is unavailable; recorded in the instance's history. A step of the
/// <see cref="StepRunner"/> like the operation's own: its pacing turn is kept on the failed create's operation.
/// </summary>
internal sealed partial class InstanceCompensation(
    BrokerDbContext db,
    ProviderRegistry providers,
    InstallationIdentity installation,
    StepRunner steps,
    TimeProvider time,
    IOptions<ProvisioningOptions> options,
    ILogger<InstanceCompensation> logger)
{
    private const int MaxAttempts = 20;

    public Task CompensateAsync(CompensateInstance message, Guid? messageId, CancellationToken cancellationToken) =>
        steps.RunAsync(message, messageId, ct => LoadAsync(message, ct), (target, driver) => RemoveAsync(target, driver, message, cancellationToken), cancellationToken);

    /// <summary>The instance and the create it compensates, in one query; <c>null</c> when its provider is gone.</summary>
    private async Task<StepTarget?> LoadAsync(CompensateInstance message, CancellationToken cancellationToken)
    {
        var found = await db.Set<Instance>()
            .Where(i => i.Id == message.InstanceId)
            .Join(db.Set<Operation>().Where(o => o.Id == message.OperationId), i => i.Id, o => o.TargetId, (i, o) => new { Instance = i, Operation = o })
            .FirstOrDefaultAsync(cancellationToken);
        return found is not null && providers.Find(found.Instance.ProviderId)?.Driver is { } driver
            ? new StepTarget(found.Operation, found.Instance, driver)
            : null;
    }

    private async Task RemoveAsync(StepTarget target, GatedDriver driver, CompensateInstance message, CancellationToken cancellationToken)
    {
        var instance = target.Instance;
        var removed = new List<string>();
        DriverException? failed = null;
        try
        {
            await RemoveLeftoversAsync(driver, instance, removed, cancellationToken);
        }
        catch (DriverException ex)
        {
            failed = ex;
        }
        finally
        {
            // Also when a destroy waits for its turn part way: what is gone stays recorded.
            if (removed.Count > 0)
            {
                db.RecordInstance(instance, instance.State, "compensation: removed " + string.Join(", ", removed) + " at the provider",
                    time.GetUtcNow().UtcDateTime, message.OperationId);
            }
        }

        if (failed is { IsTransient: true } && message.Attempt < MaxAttempts)
        {
            var settings = options.Value;
            var now = time.GetUtcNow().UtcDateTime;
            db.Enqueue(message with { Attempt = message.Attempt + 1 }, now,
                now + RetryDelay.For(message.Attempt, settings.RetryBaseDelay, settings.MaxRetryDelay, failed.RetryAfter));
        }
        else if (failed is not null)
        {
            LogCompensationFailed(logger, instance.Id, failed.Kind, failed.Message);
            db.RecordInstance(instance, instance.State, $"compensation failed: {failed.Kind}: {failed.Message}; the reconciler will find what is left",
                time.GetUtcNow().UtcDateTime, message.OperationId);
        }
    }

    private async Task RemoveLeftoversAsync(GatedDriver driver, Instance instance, List<string> removed, CancellationToken cancellationToken)
    {
        var machines = await InstanceMachines.FindAsync(driver, instance, installation.Id, cancellationToken);
        foreach (var id in machines)
        {
            await driver.DestroyInstanceAsync(id, cancellationToken);
            removed.Add(id);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Compensation of instance {InstanceId} failed: {ErrorKind}: {Error}")]
    private static partial void LogCompensationFailed(ILogger logger, string instanceId, DriverErrorKind errorKind, string error);
}
