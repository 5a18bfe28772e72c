using CloudBroker.Drivers.Libvirt.Interop;
using CloudBroker.Drivers.Libvirt.Xml;

namespace CloudBroker.Drivers.Libvirt;

/// <summary>An instance's own disk: the volume <c>cb-&lt;uuid&gt;</c> in the configured pool.</summary>
internal static class InstanceVolumes
{
    /// <summary>
    /// The volume an earlier attempt made, or a new one: a clone of <paramref name="source"/> (libvirt copies it,
    /// converting to <paramref name="format"/>), or an empty disk. Returns whether this call made it.
    /// </summary>
    public static (StorageVolumeHandle Volume, bool Made) Ensure(
        StoragePoolHandle pool, Guid instanceId, StorageVolumeHandle? source, string format, ulong capacityBytes)
    {
        var name = LibvirtNames.ForInstance(instanceId);
        if (StoragePools.TryLookupVolume(pool, name) is { } existing)
        {
            return (existing, false);
        }

        var xml = VolumeXml.Write(name, capacityBytes, format);
        var made = source is null ? StoragePools.CreateVolume(pool, xml) : StoragePools.CloneVolume(pool, xml, source);
        return (made, true);
    }

    /// <summary>Deletes the instance's volume if the pool has it; returns whether it did.</summary>
    public static bool DeleteIfPresent(ConnectionHandle connection, string poolName, Guid instanceId)
    {
        using var pool = Connections.TryLookupPool(connection, poolName);
        using var volume = pool is null ? null : StoragePools.TryLookupVolume(pool, LibvirtNames.ForInstance(instanceId));
        if (volume is null)
        {
            return false;
        }

        StorageVolumes.Delete(volume);
        return true;
    }
}
