using CloudBroker.Drivers;
using CloudBroker.Persistence;
using CloudBroker.Problems;
using CloudBroker.Provisioning.History;
using CloudBroker.Provisioning.Instances;
using CloudBroker.Provisioning.Pacing;
using CloudBroker.Provisioning.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CloudBroker.Provisioning.Reconciliation;

/// <summary>
/// Carries out the findings of <see cref="InventoryComparison"/>. Each change re-reads its rows first:
/// the comparison saw the database before the provider, and the workflow may have moved since.
/// </summary>
public sealed partial class InventoryActions(BrokerDbContext db, RunChanges changes, TimeProvider time, IOptions<ReconcilerOptions> options, ILogger<InventoryActions> logger)
{
    public async Task ApplyAsync(Provider provider, OrphanPolicy policy, IReadOnlyList<InventoryFinding> findings, ReconciliationRun run, CancellationToken cancellationToken)
    {
        foreach (var finding in findings)
        {
            switch (finding.Kind)
            {
                case InventoryFindingKind.Matched:
                    run.Matched++;
                    break;
                case InventoryFindingKind.Linked:
                    await LinkAsync(finding.Instance!, finding.Machine!, run, cancellationToken);
                    break;
                case InventoryFindingKind.Drifted:
                    await CorrectAsync(finding.Instance!, finding.Machine!, run, cancellationToken);
                    break;
                case InventoryFindingKind.Vanished:
                    await VanishAsync(finding.Instance!, finding.Machine, run, cancellationToken);
                    break;
                case InventoryFindingKind.Orphan:
                    await OrphanAsync(provider, policy, finding.Machine!, run, cancellationToken);
                    break;
                case InventoryFindingKind.Unattributed:
                    run.OrphansReported++;
                    run.Note(finding.Machine!.Id, InventoryComparison.InstanceIdOf(finding.Machine), InventoryComparison.InstallationOf(finding.Machine),
                        ReconciliationActions.Reported,
                        "a machine of this installation that names no provider (made before machines carried one): it may be another provider's " +
                        "on the same host or account, so it is never adopted or destroyed; left in place");
                    break;
                case InventoryFindingKind.OtherProvider:
                    run.Foreign++;
                    run.Note(finding.Machine!.Id, InventoryComparison.InstanceIdOf(finding.Machine), InventoryComparison.InstallationOf(finding.Machine),
                        ReconciliationActions.Foreign,
                        $"made by provider '{InventoryComparison.ProviderOf(finding.Machine)}' of this installation, which reaches the same host or account; left alone");
                    break;
                default:
                    var installation = InventoryComparison.InstallationOf(finding.Machine!);
                    run.Foreign++;
                    run.Note(finding.Machine!.Id, InventoryComparison.InstanceIdOf(finding.Machine!), installation, ReconciliationActions.Foreign,
                        installation is null ? "no installation tag: not made by CloudBroker; left alone" : "made by another CloudBroker installation; left alone");
                    break;
            }
        }
    }

    private async Task VanishAsync(KnownInstance known, DriverInstance? machine, ReconciliationRun run, CancellationToken cancellationToken)
    {
        var why = machine is null
            ? $"the provider no longer lists machine {known.ProviderInstanceId}"
            : $"the provider reports machine {machine.Id} terminated ({machine.NativeState})";
        if (await ReadUnchangedAsync(known, cancellationToken) is not { } instance)
        {
            Skip(run, known);
            return;
        }

        var now = Now;
        instance.VanishedAt = now;
        db.MoveTo(instance, InstanceState.Vanished, "missing-at-provider: " + why, now);
        if (!await changes.TryCommitAsync(cancellationToken))
        {
            Skip(run, known);
            return;
        }

        run.Vanished++;
        run.Note(known.ProviderInstanceId, known.Id, machine is null ? null : InventoryComparison.InstallationOf(machine), ReconciliationActions.Vanished, why);
    }

    /// <summary>
    /// The machine settled in another state than its instance: stopped or started behind the broker's back (a guest's
    /// <c>poweroff</c>, a console), or answering again after its instance went to error. The instance takes the observed
    /// state through the one move, so its quota follows (a machine that runs again takes its share back, and a full quota
    /// leaves it as it was, reported).
    /// </summary>
    private async Task CorrectAsync(KnownInstance known, DriverInstance machine, ReconciliationRun run, CancellationToken cancellationToken)
    {
        var observed = InventoryComparison.ObservedState(machine)!.Value;
        var from = known.State.ToString().ToLowerInvariant();
        var to = observed.ToString().ToLowerInvariant();
        var why = $"the provider reports machine {machine.Id} {to} ({machine.NativeState}) while the instance was {from}";
        if (await ReadUnchangedAsync(known, cancellationToken) is not { } instance)
        {
            Skip(run, known);
            return;
        }

        var cause = known.State == InstanceState.Error ? "observed-at-provider"
            : observed == InstanceState.Stopped ? "stopped-at-provider" : "started-at-provider";
        instance.Addresses = [.. machine.Addresses];
        instance.RealmId ??= machine.RealmId; // where it runs: its capacity is counted there again when it leaves error
        db.MoveTo(instance, observed, $"{cause}: {why}", Now);
        try
        {
            if (!await changes.TryCommitAsync(cancellationToken))
            {
                Skip(run, known);
                return;
            }
        }
        catch (ProblemException refused)
        {
            changes.Forget();
            run.Note(machine.Id, known.Id, InventoryComparison.InstallationOf(machine), ReconciliationActions.Reported,
                $"{why}; left {from}: {refused.Message}");
            return;
        }

        LogCorrected(logger, known.Id, machine.Id, from, to);
        run.Matched++;
        run.Note(machine.Id, known.Id, InventoryComparison.InstallationOf(machine), ReconciliationActions.Corrected, why + "; the instance is now " + to);
    }

    private async Task LinkAsync(KnownInstance known, DriverInstance machine, ReconciliationRun run, CancellationToken cancellationToken)
    {
        if (await ReadUnchangedAsync(known, cancellationToken) is not { } instance)
        {
            Skip(run, known);
            return;
        }

        instance.ProviderInstanceId = machine.Id;
        instance.RealmId ??= machine.RealmId;
        instance.Addresses = [.. machine.Addresses];
        instance.UpdatedAt = Now;
        instance.Version++;
        if (!await changes.TryCommitAsync(cancellationToken))
        {
            Skip(run, known);
            return;
        }

        run.Matched++;
        run.Note(machine.Id, known.Id, InventoryComparison.InstallationOf(machine), ReconciliationActions.Linked,
            "the instance did not know its machine (its create answer was lost); found by the machine's instance-id tag");
    }

    private async Task OrphanAsync(Provider provider, OrphanPolicy policy, DriverInstance machine, ReconciliationRun run, CancellationToken cancellationToken)
    {
        var taggedId = InventoryComparison.InstanceIdOf(machine);
        var installation = InventoryComparison.InstallationOf(machine);
        var owners = await db.Set<Instance>().AsNoTracking()
            .Where(i => i.ProviderId == provider.Id && (i.ProviderInstanceId == machine.Id || i.Id == taggedId))
            .Select(i => new { i.Id, i.State, i.ProviderInstanceId })
            .ToListAsync(cancellationToken);
        if (owners.Any(i => i.State != InstanceState.Terminated && (i.ProviderInstanceId == machine.Id || i.ProviderInstanceId is null)))
        {
            run.Matched++; // an instance committed after the run read the database: not an orphan.
            return;
        }

        var terminated = owners.FirstOrDefault(i => i.State == InstanceState.Terminated);
        var other = owners.FirstOrDefault(i => i.State != InstanceState.Terminated);
        var why = (terminated, other) switch
        {
            ({ } t, _) => $"a machine of this installation whose instance {t.Id} is terminated",
            (_, { } o) => $"a second machine of this installation for instance {o.Id}, which has machine {o.ProviderInstanceId}",
            _ => "a machine of this installation the database does not know",
        };
        switch (policy)
        {
            case OrphanPolicy.Adopt when AdoptedInstance.StateOf(machine) is { } state:
                // Keeping the id its tag names keeps the machine's tags true; taken ids get a fresh one.
                var id = owners.Count == 0 && Guid.TryParse(taggedId, out _) ? taggedId! : Guid.CreateVersion7().ToString();
                await AdoptAsync(provider, machine, id, state, why, run, cancellationToken);
                break;
            case OrphanPolicy.Adopt:
                run.OrphansReported++;
                run.Note(machine.Id, taggedId, installation, ReconciliationActions.Reported,
                    $"{why}; not adopted yet: the provider reports it {machine.NativeState}, a later run adopts it");
                break;
            case OrphanPolicy.Destroy:
                await DestroyAsync(provider, machine, why, run, cancellationToken);
                break;
            default:
                run.OrphansReported++;
                run.Note(machine.Id, taggedId, installation, ReconciliationActions.Reported, why + "; policy report: left in place");
                break;
        }
    }

    private async Task AdoptAsync(Provider provider, DriverInstance machine, string id, InstanceState state, string why, ReconciliationRun run, CancellationToken cancellationToken)
    {
        var now = Now;
        var profile = provider.Catalog.HardwareProfiles.FirstOrDefault(p => p.Id == machine.HardwareProfileId);
        var instance = AdoptedInstance.From(machine, id, provider.Id, profile, now);
        db.Add(instance);
        db.RecordInstance(instance, null, $"adopted: {why} (machine {machine.Id}, reconciliation {run.Id})", now);
        db.MoveTo(instance, state, "adopted", now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            run.OrphansReported++;
            run.Note(machine.Id, id, InventoryComparison.InstallationOf(machine), ReconciliationActions.Reported, $"{why}; adopting it failed: {ex.GetBaseException().Message}");
            return;
        }
        finally
        {
            changes.Forget();
        }

        LogAdopted(logger, provider.Id, machine.Id, id);
        run.Adopted++;
        run.Note(machine.Id, id, InventoryComparison.InstallationOf(machine), ReconciliationActions.Adopted,
            $"{why}; adopted as instance {id} ({instance.Name}) of tenant {AdoptedInstance.TenantId}");
    }

    private async Task DestroyAsync(Provider provider, DriverInstance machine, string why, ReconciliationRun run, CancellationToken cancellationToken)
    {
        var taggedId = InventoryComparison.InstanceIdOf(machine);
        var installation = InventoryComparison.InstallationOf(machine);
        try
        {
            await provider.Driver!.AtTurnAsync(d => d.DestroyInstanceAsync(machine.Id, cancellationToken), options.Value.PacingPatience, cancellationToken);
        }
        catch (DriverException ex)
        {
            run.OrphansReported++;
            run.Note(machine.Id, taggedId, installation, ReconciliationActions.DestroyFailed, $"{why}; destroying it failed: {ex.Kind}: {ex.Message}");
            return;
        }
        catch (ProviderPacedException paced)
        {
            run.OrphansReported++;
            run.Note(machine.Id, taggedId, installation, ReconciliationActions.Reported,
                $"{why}; not destroyed by this run: the broker's request budget for the provider's changes has no turn before {paced.Until:yyyy-MM-ddTHH:mm:ssZ}; the next run destroys it");
            return;
        }

        LogDestroyed(logger, provider.Id, machine.Id, why);
        run.Destroyed++;
        run.Note(machine.Id, taggedId, installation, ReconciliationActions.Destroyed, why + "; destroyed at the provider (policy destroy)");
    }

    /// <summary>The instance, tracked, if it is still as the run saw it; otherwise <c>null</c>.</summary>
    private async Task<Instance?> ReadUnchangedAsync(KnownInstance known, CancellationToken cancellationToken)
    {
        var instance = await db.Set<Instance>().FirstOrDefaultAsync(i => i.Id == known.Id, cancellationToken);
        return instance is not null && instance.Version == known.Version ? instance : null;
    }

    private static void Skip(ReconciliationRun run, KnownInstance known) =>
        run.Note(known.ProviderInstanceId, known.Id, null, ReconciliationActions.Skipped, "the instance changed while the run looked at it; the next run looks again");

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciler found instance {InstanceId} {To} at the provider (machine {MachineId}) while the broker had it {From}")]
    private static partial void LogCorrected(ILogger logger, string instanceId, string machineId, string from, string to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciler adopted machine {MachineId} of provider {ProviderId} as instance {InstanceId}")]
    private static partial void LogAdopted(ILogger logger, string providerId, string machineId, string instanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciler destroyed orphan machine {MachineId} of provider {ProviderId}: {Reason}")]
    private static partial void LogDestroyed(ILogger logger, string providerId, string machineId, string reason);
}
