using CloudBroker.Drivers;
using CloudBroker.Persistence;
using CloudBroker.Persistence.Background;
using CloudBroker.Provisioning.Calls;
using CloudBroker.Provisioning.Instances;
using CloudBroker.Provisioning.Operations;
using CloudBroker.Provisioning.Pacing;
using CloudBroker.Provisioning.Providers;
using CloudBroker.Provisioning.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudBroker.Provisioning.Reconciliation;

/// <summary>
/// One reconciliation of a provider, recorded as a <see cref="ReconciliationRun"/> row: fails stuck
/// operations, then reads the database, then the provider's inventory, and acts on the differences
/// (settled instances whose machine was stopped, started or removed behind the broker's back, orphans by the provider's policy; machines of other installations or providers reported, never touched). One run per
/// provider at a time, across processes, by the provider's lease row. Its provider calls are paced like every other: a
/// run is not a workflow step, so it waits for a turn that comes within <see cref="ReconcilerOptions.PacingPatience"/>, and
/// leaves a later one to the next run (an inventory read not made fails the run, saying so; a destroy is reported).
/// </summary>
public sealed partial class Reconciler(
    BrokerDbContext db,
    IConfiguration configuration,
    InstallationIdentity installation,
    TimeProvider time,
    IServiceScopeFactory scopes,
    IOptions<ReconcilerOptions> options,
    ILogger<Reconciler> logger,
    RunChanges changes,
    StuckOperations stuck,
    InventoryActions inventory)
{
    /// <summary>Runs now; <c>null</c> when another run of the provider holds its lease. The provider must be available.</summary>
    public async Task<ReconciliationRun?> RunAsync(Provider provider, ReconciliationTrigger trigger, CancellationToken cancellationToken)
    {
        var driver = provider.Driver ?? throw new InvalidOperationException($"provider '{provider.Id}' is unavailable");
        var now = Now;
        var run = new ReconciliationRun
        {
            Id = Guid.CreateVersion7().ToString(), ProviderId = provider.Id, Trigger = trigger,
            Status = ReconciliationStatus.Running, StartedAt = now,
        };
        if (!await db.TryClaimAsync(provider.Id, run.Id, now, now + options.Value.Lease, cancellationToken))
        {
            LogBusy(logger, provider.Id);
            return null;
        }

        await using var keeper = new LeaseKeeper(scopes, time, options.Value.Lease, (leases, until, ct) => leases.RenewAsync(provider.Id, run.Id, until, ct), atOnce: false);
        using var running = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, keeper.Lost);
        try
        {
            changes.Begin();
            await db.FailAbandonedRunsAsync(provider.Id, run.Id, now, cancellationToken);
            db.Add(run);
            await db.SaveChangesAsync(cancellationToken);
            changes.Forget(); // the run is counted in memory and written once at the end.
            try
            {
                await ReconcileAsync(provider, driver, run, running.Token);
                run.Status = ReconciliationStatus.Succeeded;
            }
            catch (Exception ex) when (ex is DriverException or ProviderPacedException or InvalidOperationException or OperationCanceledException or DbUpdateException)
            {
                LogRunFailed(logger, provider.Id, run.Id, ex);
                run.Status = ReconciliationStatus.Failed;
                run.Error = Describe(ex);
            }

            run.FinishedAt = Now;
            changes.Forget();
            db.Update(run);
            await db.SaveChangesAsync(CancellationToken.None);
            changes.Forget();
            LogRunFinished(logger, provider.Id, run.Id, run.Status, run.Seen, run.Vanished, run.OrphansReported + run.Adopted + run.Destroyed, run.Foreign, run.StuckResolved);
            return run;
        }
        finally
        {
            await db.ReleaseAsync(provider.Id, run.Id, CancellationToken.None);
        }
    }

    private async Task ReconcileAsync(Provider provider, GatedDriver driver, ReconciliationRun run, CancellationToken cancellationToken)
    {
        var policy = OrphanPolicySetting.Read(configuration, provider.Id);

        // Stuck work first: an instance it puts in error is then compared like any settled one.
        await stuck.ResolveAsync(provider.Id, run, cancellationToken);

        // The database before the provider: a machine made in between is re-checked before it is called an orphan.
        var known = await db.Set<Instance>().AsNoTracking()
            .Where(i => i.ProviderId == provider.Id && i.State != InstanceState.Terminated)
            .Select(i => new KnownInstance(i.Id, i.State, i.ProviderInstanceId, i.Version,
                db.Set<Operation>().Any(o => o.TargetId == i.Id && o.Kind == OperationKind.Create && o.Status == OperationStatus.Failed)))
            .ToListAsync(cancellationToken);
        var machines = await driver.AtTurnAsync(d => d.ListInstancesAsync(cancellationToken), options.Value.PacingPatience, cancellationToken);
        run.Seen = machines.Count;
        var findings = InventoryComparison.Compare(known, machines, installation.Id, provider.Id);
        ProvisioningMetrics.Found(provider.Id, findings);
        await inventory.ApplyAsync(provider, policy, findings, run, cancellationToken);
    }

    private static string Describe(Exception ex) => ex switch
    {
        DriverException driver => $"the provider failed: {driver.Kind}: {driver.Message}",
        ProviderPacedException paced =>
            $"the inventory was not read: the broker's request budget for the provider's reads has no turn before {paced.Until:yyyy-MM-ddTHH:mm:ssZ}; the next run reads it",
        OperationCanceledException => "cancelled: the process is stopping",
        _ => ex.Message,
    };

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciliation of provider {ProviderId} skipped: another run holds it")]
    private static partial void LogBusy(ILogger logger, string providerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation {RunId} of provider {ProviderId} failed")]
    private static partial void LogRunFailed(ILogger logger, string providerId, string runId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Reconciliation {RunId} of provider {ProviderId} {Status}: {Seen} machines seen, {Vanished} vanished, {Orphans} orphans, {Foreign} foreign, {Stuck} stuck operations failed")]
    private static partial void LogRunFinished(ILogger logger, string providerId, string runId, ReconciliationStatus status, int seen, int vanished, int orphans, int foreign, int stuck);
}
