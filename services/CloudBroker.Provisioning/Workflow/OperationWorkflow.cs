using CloudBroker.Contracts;
using CloudBroker.Drivers;
using CloudBroker.Persistence;
using CloudBroker.Problems;
using CloudBroker.Provisioning.Calls;
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
/// <see cref="CheckOperation"/> timer rows until the provider reports the target state, the deadline
/// passes or a permanent error ends it. Each step runs in the <see cref="StepRunner"/>, which commits its state, its
/// inbox record and its next message together; a step lost with a process is re-driven by the <see cref="OperationSweeper"/>.
/// </summary>
internal sealed partial class OperationWorkflow(
    BrokerDbContext db,
    ProviderRegistry providers,
    InstallationIdentity installation,
    StepRunner steps,
    OperationOutcomes outcomes,
    TimeProvider time,
    IOptions<ProvisioningOptions> options,
    ILogger<OperationWorkflow> logger)
{
    private readonly ProvisioningOptions _settings = options.Value;

    public Task ExecuteAsync(ExecuteOperation message, Guid? messageId, CancellationToken cancellationToken) =>
        steps.RunAsync(message, messageId, ct => LoadAttemptAsync(message, ct), (target, driver) => CallAsync(target, driver, message, cancellationToken), cancellationToken);

    public Task CheckAsync(CheckOperation message, Guid? messageId, CancellationToken cancellationToken) =>
        steps.RunAsync(message, messageId, ct => LoadAsync(message.OperationId, ct), (target, driver) => LookAsync(target, driver, message, cancellationToken), cancellationToken);

    private async Task LookAsync(StepTarget target, GatedDriver driver, CheckOperation message, CancellationToken cancellationToken)
    {
        var (operation, instance, _) = target;
        try
        {
            var seen = instance.ProviderInstanceId is null ? null : await driver.GetInstanceAsync(instance.ProviderInstanceId, cancellationToken);
            Judge(operation, instance, seen, Now);
        }
        catch (DriverException ex) when (ex.IsTransient)
        {
            outcomes.Schedule(operation, message, Now + (ex.RetryAfter ?? _settings.PollInterval));
        }
    }

    private async Task CallAsync(StepTarget target, GatedDriver driver, ExecuteOperation message, CancellationToken cancellationToken)
    {
        var (operation, instance, _) = target;
        var key = instance.KeyId is null ? null : await db.Set<SshKey>()
            .Where(k => k.Id == instance.KeyId)
            .Select(k => new SshPublicKey(k.Name, k.PublicKey))
            .FirstOrDefaultAsync(cancellationToken);
        var calledAt = Now;
        DriverInstance? made = null;
        DriverException? failed = null;
        try
        {
            made = await DriverCalls.InvokeAsync(driver, operation, instance, key, installation.Id, cancellationToken);
        }
        catch (DriverException ex)
        {
            failed = ex;
        }

        // Reached only when the call was made: one the pacing refused leaves the operation as it was, pending or running.
        if (operation.Status == OperationStatus.Pending)
        {
            outcomes.Start(operation, calledAt);
        }

        if (failed is null)
        {
            Accepted(operation, instance, made, message.Attempt, "succeeded");
        }
        else if (failed.Kind == DriverErrorKind.Throttled)
        {
            // Throttling slows the provider down for everyone (the driver's wrapper paused its bucket); it does not use up the operation's attempts.
            var retryAfter = failed.RetryAfter ?? _settings.RetryBaseDelay;
            operation.Record("provider-call", "throttled", Now, $"the provider asked to wait {retryAfter.TotalSeconds:0.##} s");
            outcomes.Schedule(operation, message, Now + retryAfter);
        }
        else if (failed.Kind == DriverErrorKind.Conflict && operation.Kind is OperationKind.Start or OperationKind.Stop or OperationKind.Reboot)
        {
            // A conflict may mean an earlier call (lost with a process) already took effect: look before failing.
            switch (await UnderwayAsync(driver, operation, instance, cancellationToken))
            {
                case true:
                    Accepted(operation, instance, null, message.Attempt, "already underway");
                    break;
                case null:
                    OnFailure(operation, instance, message, new DriverException(DriverErrorKind.Unavailable,
                        $"the provider answered '{failed.Message}' and the machine's state could not be read to tell whether an earlier call took effect"));
                    break;
                default:
                    OnFailure(operation, instance, message, failed);
                    break;
            }
        }
        else
        {
            OnFailure(operation, instance, message, failed);
        }
    }

    private void Accepted(Operation operation, Instance instance, DriverInstance? made, int attempt, string how)
    {
        var now = Now;
        operation.Attempts = attempt;
        operation.ProviderCallMade = true;
        operation.Record("provider-call", how, now, $"attempt {attempt}");
        if (made is not null)
        {
            instance.ProviderInstanceId = made.Id;
            instance.RealmId ??= made.RealmId;
        }

        if (made is not null && made.State == OperationTargets.ProviderTarget(operation.Kind))
        {
            outcomes.Complete(operation, instance, made, now);
        }
        else
        {
            outcomes.Schedule(operation, new CheckOperation(operation.Id), now + _settings.PollInterval);
        }
    }

    private void OnFailure(Operation operation, Instance instance, ExecuteOperation message, DriverException ex)
    {
        var now = Now;
        operation.Attempts = message.Attempt;
        // An unreachable provider (a daemon restarting, an upgrade, a network cut) is waited for until the deadline;
        // MaxAttempts bounds only the other transient errors, which waiting does not fix.
        var patient = DriverErrorTable.IsUnreachable(ex.Kind) || message.Attempt < _settings.MaxAttempts;
        if (ex.IsTransient && patient && now < operation.Deadline)
        {
            // The last try is made at the deadline, not after it.
            var delay = Min(RetryDelay.For(message.Attempt, _settings.RetryBaseDelay, _settings.MaxRetryDelay, ex.RetryAfter), operation.Deadline - now);
            operation.Record("provider-call", "retrying", now, $"attempt {message.Attempt}: {ex.Kind}: {ex.Message}; next in {delay.TotalSeconds:0.##} s");
            outcomes.Schedule(operation, new ExecuteOperation(operation.Id, message.Attempt + 1), now + delay);
        }
        else if (operation.Kind == OperationKind.Destroy && ex.Kind == DriverErrorKind.NotFound)
        {
            outcomes.Complete(operation, instance, null, now);
        }
        else
        {
            LogOperationFailed(logger, operation.Id, operation.Kind, ex.Kind, ex.Message);
            outcomes.Fail(operation, instance, DriverErrorTable.ProblemOf(ex.Kind), $"{ex.Kind}: {ex.Message}", now);
        }
    }

    /// <summary>Decides a check: done, failed, timed out, or look again later.</summary>
    private void Judge(Operation operation, Instance instance, DriverInstance? seen, DateTime now)
    {
        var target = OperationTargets.ProviderTarget(operation.Kind);
        if (seen is null && operation.Kind != OperationKind.Destroy)
        {
            outcomes.Fail(operation, instance, ProblemTypes.ProviderError, "the machine no longer exists at the provider", now,
                operation.Kind == OperationKind.Create ? InstanceState.Error : InstanceState.Vanished);
        }
        else if (seen is null || seen.State == target)
        {
            outcomes.Complete(operation, instance, seen, now);
        }
        else if (seen.State == DriverInstanceState.Error)
        {
            outcomes.Fail(operation, instance, ProblemTypes.ProviderError, $"the provider reports the machine failed ({seen.NativeState})", now);
        }
        else if (now >= operation.Deadline)
        {
            outcomes.Fail(operation, instance, ProblemTypes.ProviderError,
                $"timed out after {(operation.Deadline - operation.CreatedAt).TotalSeconds:0} s; the provider still reports '{seen.NativeState}'", now);
        }
        else
        {
            outcomes.Schedule(operation, new CheckOperation(operation.Id), now + _settings.PollInterval);
        }
    }

    /// <summary>Whether the machine is at, or on its way to, the operation's target; <c>null</c> when it cannot be read.</summary>
    private static async Task<bool?> UnderwayAsync(GatedDriver driver, Operation operation, Instance instance, CancellationToken cancellationToken)
    {
        try
        {
            var seen = instance.ProviderInstanceId is null ? null : await driver.GetInstanceAsync(instance.ProviderInstanceId, cancellationToken);
            return seen is not null && (seen.State == OperationTargets.ProviderTarget(operation.Kind) || seen.State == OperationTargets.Underway(operation.Kind));
        }
        catch (DriverException)
        {
            return null;
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>The attempt's rows; <c>null</c> for a finished operation or an attempt already made (a repeat).</summary>
    private async Task<StepTarget?> LoadAttemptAsync(ExecuteOperation message, CancellationToken cancellationToken) =>
        await LoadAsync(message.OperationId, cancellationToken) is { } target && target.Operation.Attempts < message.Attempt ? target : null;

    private async Task<StepTarget?> LoadAsync(string operationId, CancellationToken cancellationToken)
    {
        var operation = await db.Set<Operation>().FirstOrDefaultAsync(o => o.Id == operationId, cancellationToken);
        if (operation is null || operation.IsFinished)
        {
            return null;
        }

        var instance = await db.Set<Instance>().FirstAsync(i => i.Id == operation.TargetId, cancellationToken);
        if (providers.Find(instance.ProviderId)?.Driver is not { } driver)
        {
            outcomes.Fail(operation, instance, ProblemTypes.ProviderUnavailable, $"provider '{instance.ProviderId}' is unavailable", Now);
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }

        return new StepTarget(operation, instance, driver);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operation {OperationId} ({Kind}) failed: {ErrorKind}: {Error}")]
    private static partial void LogOperationFailed(ILogger logger, string operationId, OperationKind kind, DriverErrorKind errorKind, string error);
}
