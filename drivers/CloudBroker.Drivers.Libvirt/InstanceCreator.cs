using CloudBroker.Drivers.Libvirt.Interop;
using CloudBroker.Drivers.Libvirt.Xml;
using Microsoft.Extensions.Logging;

namespace CloudBroker.Drivers.Libvirt;

/// <summary>
/// Create = the instance's volume, then define (schema-validated), then start. Idempotent without bookkeeping:
/// the domain UUID is the instance id, so a retry finds what an earlier attempt made and finishes it.
/// </summary>
internal sealed class InstanceCreator(
    string providerId, string installationId, LibvirtSettings settings, LibvirtRealms realms, LibvirtCatalog catalog,
    InstanceVolumes volumes, DomainObserver observer, ILogger logger)
{
    /// <summary>Creates (or finds) the instance; the caller holds its instance lock.</summary>
    public DriverInstance Create(InstanceSpec spec, Guid uuid)
    {
        DriverInstance? existing = null;
        realms.WithDomain(uuid, found => existing = Resume(found), answeringOnly: true);
        if (existing is not null)
        {
            return existing;
        }

        var realm = realms.ForCreate(spec.RealmId);
        var made = realm.Run(connection => CreateIn(realm, connection, spec, uuid));
        LibvirtLog.Created(logger, providerId, uuid, realm.RealmId);
        return made;
    }

    /// <summary>An earlier attempt's domain; one it defined but did not get to start is started now.</summary>
    private DriverInstance Resume(LocatedDomain found)
    {
        if (Domains.GetState(found.Domain) == VirDomainState.Shutoff)
        {
            Domains.Create(found.Domain);
        }

        return observer.Observe(found.Realm, found.Domain);
    }

    private DriverInstance CreateIn(LibvirtConnection realm, ConnectionHandle connection, InstanceSpec spec, Guid uuid)
    {
        using var network = Connections.LookupNetwork(connection, settings.Network);
        if (!Networks.IsActive(network))
        {
            throw new DriverException(DriverErrorKind.Unavailable,
                $"network '{settings.Network}' is not active; start it: virsh net-start {settings.Network} && virsh net-autostart {settings.Network}");
        }

        using var pool = Connections.LookupPool(connection, settings.StoragePool);
        if (!StoragePools.IsActive(pool))
        {
            throw new DriverException(DriverErrorKind.Unavailable,
                $"storage pool '{settings.StoragePool}' is not active; start it: virsh pool-start {settings.StoragePool} && virsh pool-autostart {settings.StoragePool}");
        }

        var image = catalog.Resolve(pool, spec.ImageId);
        using var source = image.Volume is null ? null : StoragePools.TryLookupVolume(pool, image.Volume)
            ?? throw new DriverException(DriverErrorKind.InvalidRequest,
                $"image '{image.Id}': volume '{image.Volume}' is not in storage pool '{settings.StoragePool}'");
        var capacity = (ulong)spec.StorageGiB << 30;
        if (source is not null && StorageVolumes.GetCapacity(source) is var needed && needed > capacity)
        {
            throw new DriverException(DriverErrorKind.InvalidRequest,
                $"image '{image.Id}' needs a disk of at least {(needed + (1UL << 30) - 1) >> 30} GiB; storageGiB is {spec.StorageGiB}");
        }

        var format = source is null ? settings.VolumeFormat : VolumeXml.DiskFormatOf(StorageVolumes.GetXmlDesc(source));
        var volumeName = volumes.NameOf(uuid);

        // Written before anything is made: a request XML cannot carry leaves nothing behind.
        var xml = DomainXml.Write(new DomainPlan(
            settings.DomainType, uuid, spec.Name, Identity(spec, image), spec.MemoryMiB, spec.Cpu, image,
            settings.StoragePool, volumeName, format, settings.Network));

        var (volume, madeVolume) = volumes.Ensure(pool, uuid, source, format, capacity);
        using (volume)
        {
            DomainHandle? domain = null;
            try
            {
                domain = Connections.DefineDomain(connection, xml);
                Domains.Create(domain);
            }
            catch (DriverException)
            {
                Undo(uuid, domain, madeVolume ? volume : null);
                domain?.Dispose();
                throw;
            }

            using (domain)
            {
                return observer.Observe(realm, domain);
            }
        }
    }

    private DomainIdentity Identity(InstanceSpec spec, LibvirtImage image) => new(
        spec.Tags.GetValueOrDefault(BrokerTags.InstallationId) ?? installationId,
        spec.Tags.GetValueOrDefault(BrokerTags.ProviderId),
        spec.InstanceId,
        image.Id,
        spec.HardwareProfileId,
        spec.Tags.Where(t => t.Key is not (BrokerTags.InstallationId or BrokerTags.ProviderId or BrokerTags.InstanceId)).ToDictionary());

    /// <summary>Removes what this attempt made, so a refused or failed create leaves nothing behind.</summary>
    private void Undo(Guid uuid, DomainHandle? domain, StorageVolumeHandle? volume)
    {
        try
        {
            if (domain is not null)
            {
                if (Domains.IsActive(domain))
                {
                    Domains.Destroy(domain);
                }

                Domains.Undefine(domain, 0);
            }

            if (volume is not null)
            {
                StorageVolumes.Delete(volume);
            }
        }
        catch (DriverException ex)
        {
            LibvirtLog.RollbackFailed(logger, providerId, uuid, ex);
        }
    }
}
