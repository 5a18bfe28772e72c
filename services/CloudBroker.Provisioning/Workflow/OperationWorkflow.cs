using CloudBroker.Contracts;
using CloudBroker.Drivers;
using CloudBroker.Persistence;
using CloudBroker.Persistence.Outbox;
using CloudBroker.Problems;
using CloudBroker.Provisioning.History;
using CloudBroker.Provisioning.Instances;
using CloudBroker.Provisioning.Keys;
using CloudBroker.Provisioning.Operations;
using CloudBroker.Provisioning.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudBroker.Provisioning.Workflow;

/// <summary>
/// Drives a persisted operation: one provider call per <see cref="ExecuteOperation"/>, then
/// <see cref="CheckOperation"/> timer rows until the provider reports the target state, the
/// deadline passes or a permanent error ends it. Each step commits its state and its next
/// message together, so a step lost with a process is found again from the database.
/// </summary>
internal sealed partial class OperationWorkflow(
    BrokerDbContext db,
    ProviderRegistry providers,
    InstallationIdentity installation,
    TimeProvider time,
    IOptions<ProvisioningOptions> options,
    ILogger<OperationWorkflow> logger)
{
    private readonly ProvisioningOptions _settings = options.Value;

    public async Task ExecuteAsync(ExecuteOperation message, CancellationToken cancellationToken)
    {
        if (await LoadAsync(message.OperationId, cancellationToken) is not var (operation, instance, driver)
            || operation.Attempts >= message.Attempt)
        {
            return; // finished, or this attempt was already made: a duplicate delivery.
        }

        var now = Now;
        operation.Attempts = message.Attempt;
        if (operation.Status == OperationStatus.Pending)
        {
            db.MoveTo(operation, OperationStatus.Running, "first provider call", now);
        }
        try
        {
            var key = instance.KeyId is null ? null : await db.Set<SshKey>()
                .Where(k => k.Id == instance.KeyId)
                .Select(k => new SshPublicKey(k.Name, k.PublicKey))
                .FirstOrDefaultAsync(cancellationToken);
            var made = await DriverCalls.InvokeAsync(driver, operation, instance, key, installation.Id, cancellationToken);
            now = Now;
            operation.Record("provider-call", "succeeded", now, $"attempt {message.Attempt}");
            if (made is not null)
            {
                instance.ProviderInstanceId = made.Id;
                instance.RealmId ??= made.RealmId;
            }

            if (made is not null && made.State == OperationTargets.ProviderTarget(operation.Kind))
            {
                Complete(operation, instance, made, now);
            }
            else
            {
                db.Enqueue(new CheckOperation(operation.Id), now, now + _settings.PollInterval);
            }
        }
        catch (DriverException ex)
        {
            now = Now;
            if (ex.IsTransient && message.Attempt < _settings.MaxAttempts && now < operation.Deadline)
            {
                var delay = RetryDelay.For(message.Attempt, _settings.RetryBaseDelay, _settings.MaxRetryDelay, ex.RetryAfter);
                operation.Record("provider-call", "retrying", now, $"attempt {message.Attempt}: {ex.Kind}: {ex.Message}; next in {delay.TotalSeconds:0.##} s");
                db.Enqueue(new ExecuteOperation(operation.Id, message.Attempt + 1), now, now + delay);
            }
            else if (operation.Kind == OperationKind.Destroy && ex.Kind == DriverErrorKind.NotFound)
            {
                Complete(operation, instance, null, now);
            }
            else
            {
                LogOperationFailed(logger, operation.Id, operation.Kind, ex.Kind, ex.Message);
                Fail(operation, instance, ProblemFor(ex), $"{ex.Kind}: {ex.Message}", now);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task CheckAsync(CheckOperation message, CancellationToken cancellationToken)
    {
        if (await LoadAsync(message.OperationId, cancellationToken) is not var (operation, instance, driver))
        {
            return;
        }

        var now = Now;
        try
        {
            var seen = instance.ProviderInstanceId is null ? null : await driver.GetInstanceAsync(instance.ProviderInstanceId, cancellationToken);
            now = Now;
            var target = OperationTargets.ProviderTarget(operation.Kind);
            if (seen is null || seen.State == target)
            {
                if (seen is null && operation.Kind != OperationKind.Destroy)
                {
                    Fail(operation, instance, ProblemTypes.ProviderError, "the machine no longer exists at the provider", now, InstanceState.Vanished);
                }
                else
                {
                    Complete(operation, instance, seen, now);
                }
            }
            else if (seen.State == DriverInstanceState.Error)
            {
                Fail(operation, instance, ProblemTypes.ProviderError, $"the provider reports the machine failed ({seen.NativeState})", now);
            }
            else if (now >= operation.Deadline)
            {
                Fail(operation, instance, ProblemTypes.ProviderError,
                    $"timed out after {(operation.Deadline - operation.CreatedAt).TotalSeconds:0} s; the provider still reports '{seen.NativeState}'", now);
            }
            else
            {
                db.Enqueue(new CheckOperation(operation.Id), now, now + _settings.PollInterval);
            }
        }
        catch (DriverException ex) when (ex.IsTransient)
        {
            db.Enqueue(new CheckOperation(operation.Id), now, now + (ex.RetryAfter ?? _settings.PollInterval));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private async Task<(Operation, Instance, ICloudDriver)?> LoadAsync(string operationId, CancellationToken cancellationToken)
    {
        var operation = await db.Set<Operation>().FirstOrDefaultAsync(o => o.Id == operationId, cancellationToken);
        if (operation is null || operation.IsFinished)
        {
            return null;
        }

        var instance = await db.Set<Instance>().FirstAsync(i => i.Id == operation.TargetId, cancellationToken);
        var driver = providers.Find(instance.ProviderId)?.Driver;
        if (driver is null)
        {
            Fail(operation, instance, ProblemTypes.ProviderUnavailable, $"provider '{instance.ProviderId}' is unavailable", Now);
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }

        return (operation, instance, driver);
    }

    private void Complete(Operation operation, Instance instance, DriverInstance? seen, DateTime now)
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
    }

    private void Fail(Operation operation, Instance instance, ProblemType type, string detail, DateTime now, InstanceState to = InstanceState.Error)
    {
        db.MoveTo(instance, to, OperationTargets.Cause(operation.Kind, succeeded: false) + ": " + detail, now, operation.Id);
        db.MoveTo(operation, OperationStatus.Failed, detail, now);
        operation.Fail(type, detail, now);
    }

    private static ProblemType ProblemFor(DriverException ex) => ex.Kind switch
    {
        DriverErrorKind.Unavailable or DriverErrorKind.Timeout or DriverErrorKind.Throttled => ProblemTypes.ProviderUnavailable,
        _ => ProblemTypes.ProviderError,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operation {OperationId} ({Kind}) failed: {ErrorKind}: {Error}")]
    private static partial void LogOperationFailed(ILogger logger, string operationId, OperationKind kind, DriverErrorKind errorKind, string error);
}
