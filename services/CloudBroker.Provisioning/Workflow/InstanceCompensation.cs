using CloudBroker.Contracts;
using CloudBroker.Drivers;
using CloudBroker.Persistence;
using CloudBroker.Persistence.Inbox;
using CloudBroker.Persistence.Outbox;
using CloudBroker.Provisioning.History;
using CloudBroker.Provisioning.Instances;
using CloudBroker.Provisioning.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudBroker.Provisioning.Workflow;

/// <summary>
/// Removes what a failed create left at the provider: the machine it knows of, and any machine carrying
/// this installation's and this instance's tags (an ambiguous create may have made one it never heard of),
/// unless another provider's tag says it is not this provider's.
/// Retried with backoff while the provider is unavailable; recorded in the instance's history.
/// </summary>
internal sealed partial class InstanceCompensation(
    BrokerDbContext db,
    ProviderRegistry providers,
    InstallationIdentity installation,
    TimeProvider time,
    IOptions<ProvisioningOptions> options,
    ILogger<InstanceCompensation> logger)
{
    private const int MaxAttempts = 20;

    public async Task CompensateAsync(CompensateInstance message, Guid? messageId, CancellationToken cancellationToken)
    {
        if (await db.HandledAsync(messageId, nameof(CompensateInstance), cancellationToken)
            || await db.Set<Instance>().FirstOrDefaultAsync(i => i.Id == message.InstanceId, cancellationToken) is not { } instance
            || providers.Find(instance.ProviderId) is not { Driver: { } driver } provider)
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        db.MarkHandled(messageId, nameof(CompensateInstance), now);
        var turn = message.Turn;
        message = message with { Turn = null };
        if (await provider.Gate.EnterAsync(db, ProviderCallKind.Change, turn, cancellationToken) is { Entered: false } refused)
        {
            db.Enqueue(message with { Turn = refused.Turn }, now, now + refused.RetryIn);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        try
        {
            var removed = await RemoveLeftoversAsync(driver, instance, cancellationToken);
            if (removed.Count > 0)
            {
                db.RecordInstance(instance, instance.State, "compensation: removed " + string.Join(", ", removed) + " at the provider",
                    time.GetUtcNow().UtcDateTime, message.OperationId);
            }
        }
        catch (DriverException ex) when (ex.IsTransient && message.Attempt < MaxAttempts)
        {
            var settings = options.Value;
            db.Enqueue(message with { Attempt = message.Attempt + 1 }, now,
                now + RetryDelay.For(message.Attempt, settings.RetryBaseDelay, settings.MaxRetryDelay, ex.RetryAfter));
        }
        catch (DriverException ex)
        {
            LogCompensationFailed(logger, instance.Id, ex.Kind, ex.Message);
            db.RecordInstance(instance, instance.State, $"compensation failed: {ex.Kind}: {ex.Message}; the reconciler will find what is left",
                time.GetUtcNow().UtcDateTime, message.OperationId);
        }
        finally
        {
            provider.Gate.Exit();
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<List<string>> RemoveLeftoversAsync(ICloudDriver driver, Instance instance, CancellationToken cancellationToken)
    {
        var machines = (await driver.ListInstancesAsync(cancellationToken))
            .Where(m => m.State != DriverInstanceState.Terminated
                        && (m.Id == instance.ProviderInstanceId
                            || (m.Tags.GetValueOrDefault(BrokerTags.InstanceId) == instance.Id
                                && m.Tags.GetValueOrDefault(BrokerTags.InstallationId) == installation.Id
                                && (m.Tags.GetValueOrDefault(BrokerTags.ProviderId) ?? instance.ProviderId) == instance.ProviderId)))
            .Select(m => m.Id)
            .ToList();
        foreach (var id in machines)
        {
            await driver.DestroyInstanceAsync(id, cancellationToken);
        }

        return machines;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Compensation of instance {InstanceId} failed: {ErrorKind}: {Error}")]
    private static partial void LogCompensationFailed(ILogger logger, string instanceId, DriverErrorKind errorKind, string error);
}
