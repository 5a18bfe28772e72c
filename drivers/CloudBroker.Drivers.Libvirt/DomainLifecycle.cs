using CloudBroker.Drivers.Libvirt.Interop;
using Microsoft.Extensions.Logging;

namespace CloudBroker.Drivers.Libvirt;

/// <summary>Start, stop and reboot (graceful, then forced after the grace period) and destroy of an existing domain.</summary>
internal sealed class DomainLifecycle(
    string providerId, LibvirtRealms realms, InstanceVolumes volumes, DomainObserver observer, InstanceLocks locks, ILogger logger)
{
    public void Start(Guid uuid) => OnDomain(uuid, found =>
    {
        // A reboot the guest already answered by powering off is started by finishing it: then it is running.
        observer.FinishShutdownIfDue(found.Domain, uuid);
        if (Domains.IsActive(found.Domain))
        {
            throw Conflict(uuid, "start", "it is already running");
        }

        Domains.Create(found.Domain);
    });

    /// <summary>
    /// Asks the guest to shut down (ACPI) and records when, in the domain's live definition: it survives a broker
    /// restart and vanishes with the run. Reads and later stops destroy the domain once the grace period is over.
    /// A stop supersedes an unfinished reboot: the guest is meant to stay down.
    /// </summary>
    public void Stop(Guid uuid) => OnDomain(uuid, found =>
    {
        var domain = found.Domain;
        switch (DomainObserver.ShutdownRequestOf(domain))
        {
            case { IsReboot: false }:
                observer.FinishShutdownIfDue(domain, uuid);
                return;
            case { IsReboot: true }:
                DomainObserver.Forget(domain);
                if (!Domains.IsActive(domain))
                {
                    return; // the guest already powered off for the reboot: stopped is what is asked.
                }

                break;
        }

        if (!Domains.IsActive(domain))
        {
            throw Conflict(uuid, "stop", $"it is {LibvirtStates.Native(Domains.GetState(domain))}");
        }

        observer.RequestShutdown(domain, rebootOfRun: null);
    });

    /// <summary>
    /// Asks the guest to shut down (ACPI) and records a reboot of this run; reads start the domain again once the guest
    /// is off, or destroy and start it once the grace period is over (a guest that ignores ACPI, or hangs). A repeated
    /// reboot of a domain still rebooting only carries that reboot on. It supersedes an unfinished stop.
    /// </summary>
    public void Reboot(Guid uuid) => OnDomain(uuid, found =>
    {
        var domain = found.Domain;
        if (DomainObserver.ShutdownRequestOf(domain) is { IsReboot: true })
        {
            observer.FinishShutdownIfDue(domain, uuid);
            return;
        }

        var state = Domains.GetState(domain);
        if (state is not (VirDomainState.Running or VirDomainState.Shutdown) || Domains.GetRunId(domain) is not { } run)
        {
            throw Conflict(uuid, "reboot", $"it is {LibvirtStates.Native(state)}");
        }

        observer.RequestShutdown(domain, rebootOfRun: run);
    });

    /// <summary>Destroys, undefines and deletes the instance's volume; an instance that is gone already is not an error.</summary>
    public void Destroy(Guid uuid)
    {
        using var scope = locks.Enter(uuid);
        var found = realms.WithDomain(uuid, located =>
        {
            try
            {
                if (Domains.IsActive(located.Domain))
                {
                    Domains.Destroy(located.Domain);
                }
            }
            catch (DriverException ex) when (ex.Kind == DriverErrorKind.Conflict)
            {
                // It went off in the meantime.
            }

            Undefine(located.Domain);
            volumes.DeleteIfPresent(located.Connection, uuid);
        });

        if (found)
        {
            LibvirtLog.Destroyed(logger, providerId, uuid);
            return;
        }

        // No domain: a create that died half-way may still have left its disk.
        foreach (var realm in realms.All)
        {
            realm.Run(connection => volumes.DeleteIfPresent(connection, uuid));
        }
    }

    /// <summary>Undefines with managed save, snapshot and checkpoint metadata and NVRAM, dropping flags the host's driver lacks.</summary>
    private static void Undefine(DomainHandle domain)
    {
        foreach (var flags in new[] { Domains.UndefineEverything, Domains.UndefineSaveAndSnapshots })
        {
            try
            {
                Domains.Undefine(domain, flags);
                return;
            }
            catch (DriverException ex) when (ex.Kind == DriverErrorKind.InvalidRequest)
            {
                // "unsupported flags": try the smaller set (libvirt's test driver knows only the first two).
            }
        }

        Domains.Undefine(domain, 0);
    }

    private void OnDomain(Guid uuid, Action<LocatedDomain> action)
    {
        using var scope = locks.Enter(uuid);
        if (!realms.WithDomain(uuid, action))
        {
            throw NotFound(uuid);
        }
    }

    public static DriverException NotFound(string instanceId) =>
        new(DriverErrorKind.NotFound, $"instance {instanceId} does not exist");

    private static DriverException NotFound(Guid uuid) => NotFound(uuid.ToString("D"));

    private static DriverException Conflict(Guid uuid, string verb, string why) =>
        new(DriverErrorKind.Conflict, $"cannot {verb} instance {uuid}: {why}");
}
