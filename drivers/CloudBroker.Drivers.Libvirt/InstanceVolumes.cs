using CloudBroker.Drivers.Libvirt.Interop;
using CloudBroker.Drivers.Libvirt.Xml;

namespace CloudBroker.Drivers.Libvirt;

/// <summary>
/// This provider's instance disks: volume <c>cb-&lt;uuid&gt;.&lt;provider id&gt;.&lt;installation id&gt;</c> in the configured
/// pool (<see cref="LibvirtNames.ForVolume"/>), of the size the create asked for.
/// </summary>
internal sealed class InstanceVolumes(string providerId, string installationId, string poolName)
{
    /// <summary>What a disk left without a domain reads as.</summary>
    public const string LeftoverState = "disk without a domain";

    public string NameOf(Guid instanceId) => LibvirtNames.ForVolume(instanceId, providerId, installationId);

    /// <summary>
    /// The volume an earlier attempt made, or a new one: a clone of <paramref name="source"/> (libvirt copies it,
    /// converting to <paramref name="format"/>), or an empty disk; either way at least <paramref name="capacityBytes"/>
    /// large. Returns whether this call made it.
    /// </summary>
    public (StorageVolumeHandle Volume, bool Made) Ensure(
        StoragePoolHandle pool, Guid instanceId, StorageVolumeHandle? source, string format, ulong capacityBytes)
    {
        var name = NameOf(instanceId);
        var existing = StoragePools.TryLookupVolume(pool, name);
        var xml = VolumeXml.Write(name, capacityBytes, format);
        var volume = existing ?? (source is null ? StoragePools.CreateVolume(pool, xml) : StoragePools.CloneVolume(pool, xml, source));
        try
        {
            // A clone keeps its source's capacity whatever the XML asks (and a reused volume may not be grown yet).
            if (StorageVolumes.GetCapacity(volume) < capacityBytes)
            {
                StorageVolumes.Resize(volume, capacityBytes);
            }
        }
        catch (DriverException)
        {
            if (existing is null)
            {
                TryDelete(volume);
            }

            volume.Dispose();
            throw;
        }

        return (volume, existing is null);
    }

    /// <summary>Deletes the instance's volume if the pool has it; returns whether it did.</summary>
    public bool DeleteIfPresent(ConnectionHandle connection, Guid instanceId)
    {
        using var pool = Connections.TryLookupPool(connection, poolName);
        using var volume = pool is null ? null : StoragePools.TryLookupVolume(pool, NameOf(instanceId));
        if (volume is null)
        {
            return false;
        }

        StorageVolumes.Delete(volume);
        return true;
    }

    /// <summary>
    /// Instance volumes of the pool (any provider's, any installation's) whose domain is gone: a create that died
    /// between the disk and the define, or a domain undefined behind the broker. Each reads as a machine in error,
    /// tagged with what its name says, so the reconciler applies its orphan policy to this provider's and reports
    /// the others'.
    /// </summary>
    public IEnumerable<DriverInstance> Leftovers(string realmId, ConnectionHandle connection, IReadOnlySet<Guid> domains)
    {
        using var pool = Connections.TryLookupPool(connection, poolName);
        if (pool is null || !StoragePools.IsActive(pool))
        {
            return [];
        }

        var volumes = StoragePools.ListAllVolumes(pool);
        try
        {
            var leftovers = new List<DriverInstance>();
            foreach (var name in volumes.Select(StorageVolumes.GetName))
            {
                if (LibvirtNames.TryParseVolume(name, out var instanceId, out var madeBy, out var installation) && !domains.Contains(instanceId))
                {
                    var tags = new Dictionary<string, string> { [BrokerTags.InstanceId] = instanceId.ToString("D") };
                    if (madeBy is not null && installation is not null)
                    {
                        tags[BrokerTags.ProviderId] = madeBy;
                        tags[BrokerTags.InstallationId] = installation;
                    }

                    leftovers.Add(new DriverInstance(
                        instanceId.ToString("D"), name, realmId, null, null, DriverInstanceState.Error, LeftoverState, [], tags));
                }
            }

            return leftovers;
        }
        finally
        {
            NativeArrays.DisposeAll(volumes);
        }
    }

    private static void TryDelete(StorageVolumeHandle volume)
    {
        try
        {
            StorageVolumes.Delete(volume);
        }
        catch (DriverException)
        {
            // Left for destroy or the reconciler: its name says whose it is.
        }
    }
}
