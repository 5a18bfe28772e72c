using CloudBroker.Drivers.Libvirt.Interop;
using CloudBroker.Drivers.Libvirt.Xml;
using Microsoft.Extensions.Logging;

namespace CloudBroker.Drivers.Libvirt;

/// <summary>Start, stop (graceful, then forced after the grace period), reboot and destroy of an existing domain.</summary>
internal sealed class DomainLifecycle(
    string providerId, LibvirtSettings settings, LibvirtRealms realms, DomainObserver observer, InstanceLocks locks,
    TimeProvider time, ILogger logger)
{
    public void Start(Guid uuid) => OnDomain(uuid, found =>
    {
        if (Domains.IsActive(found.Domain))
        {
            throw Conflict(uuid, "start", "it is already running");
        }

        Domains.Create(found.Domain);
    });

    /// <summary>
    /// Asks the guest to shut down (ACPI) and records when, in the domain's live definition: it survives a broker
    /// restart and vanishes with the run. Reads and later stops destroy the domain once the grace period is over.
    /// </summary>
    public void Stop(Guid uuid) => OnDomain(uuid, found =>
    {
        var domain = found.Domain;
        if (DomainObserver.StopRequestOf(domain) is not null)
        {
            observer.FinishStopIfDue(domain, uuid);
            return;
        }

        if (!Domains.IsActive(domain))
        {
            throw Conflict(uuid, "stop", $"it is {LibvirtStates.Native(Domains.GetState(domain))}");
        }

        Domains.Shutdown(domain);
        try
        {
            if (Domains.IsActive(domain))
            {
                var request = BrokerMetadata.StopRequest(time.GetUtcNow());
                Domains.SetMetadataElement(domain, request, BrokerMetadata.StopPrefix, BrokerMetadata.StopNamespace, Domains.AffectLive);
            }
        }
        catch (DriverException) when (!Domains.IsActive(domain))
        {
            // It shut down before the request could be written: nothing left to finish.
        }
    });

    public void Reboot(Guid uuid) => OnDomain(uuid, found =>
    {
        var state = Domains.GetState(found.Domain);
        if (state != VirDomainState.Running)
        {
            throw Conflict(uuid, "reboot", $"it is {LibvirtStates.Native(state)}");
        }

        Domains.Reboot(found.Domain);

        // A reboot supersedes an unfinished stop: the guest is meant to come back up.
        if (DomainObserver.StopRequestOf(found.Domain) is not null)
        {
            Domains.SetMetadataElement(found.Domain, null, BrokerMetadata.StopPrefix, BrokerMetadata.StopNamespace, Domains.AffectLive);
        }
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
            InstanceVolumes.DeleteIfPresent(located.Connection, settings.StoragePool, uuid);
        });

        if (found)
        {
            LibvirtLog.Destroyed(logger, providerId, uuid);
            return;
        }

        // No domain: a create that died half-way may still have left its disk.
        foreach (var realm in realms.All)
        {
            realm.Run(connection => InstanceVolumes.DeleteIfPresent(connection, settings.StoragePool, uuid));
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
