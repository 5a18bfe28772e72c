namespace CloudBroker.Drivers.Libvirt.Interop;

/// <summary>Safe wrappers of the calls made on a storage pool.</summary>
internal static class StoragePools
{
    public static bool IsActive(StoragePoolHandle pool)
    {
        using var call = LibvirtCall.Start(nameof(NativeMethods.virStoragePoolIsActive));
        return call.Check(NativeMethods.virStoragePoolIsActive(pool)) == 1;
    }

    /// <summary>The pool's capacity in bytes (what it holds in all, used or not).</summary>
    public static ulong GetCapacity(StoragePoolHandle pool)
    {
        using var call = LibvirtCall.Start(nameof(NativeMethods.virStoragePoolGetInfo));
        call.Check(NativeMethods.virStoragePoolGetInfo(pool, out var info));
        return info.Capacity;
    }

    /// <summary>Re-reads the pool's backing store, so image files an operator copied in appear.</summary>
    public static void Refresh(StoragePoolHandle pool)
    {
        using var call = LibvirtCall.Start(nameof(NativeMethods.virStoragePoolRefresh));
        call.Check(NativeMethods.virStoragePoolRefresh(pool, 0));
    }

    /// <summary>Every volume of the pool. Dispose each handle.</summary>
    public static StorageVolumeHandle[] ListAllVolumes(StoragePoolHandle pool)
    {
        using var call = LibvirtCall.Start(nameof(NativeMethods.virStoragePoolListAllVolumes));
        var count = call.Check(NativeMethods.virStoragePoolListAllVolumes(pool, out var array, 0));
        return NativeArrays.TakeHandles(array, count, pointer => new StorageVolumeHandle(pointer));
    }

    public static StorageVolumeHandle? TryLookupVolume(StoragePoolHandle pool, string name)
    {
        using var call = LibvirtCall.Start(nameof(NativeMethods.virStorageVolLookupByName));
        return call.HandleOrNull(NativeMethods.virStorageVolLookupByName(pool, name), VirErrorCode.NoStorageVol);
    }

    public static StorageVolumeHandle CreateVolume(StoragePoolHandle pool, string xml)
    {
        using var call = LibvirtCall.Start(nameof(NativeMethods.virStorageVolCreateXML));
        return call.Handle(NativeMethods.virStorageVolCreateXML(pool, xml, 0));
    }

    /// <summary>A new volume described by <paramref name="xml"/> with the content of <paramref name="source"/>.</summary>
    public static StorageVolumeHandle CloneVolume(StoragePoolHandle pool, string xml, StorageVolumeHandle source)
    {
        using var call = LibvirtCall.Start(nameof(NativeMethods.virStorageVolCreateXMLFrom));
        return call.Handle(NativeMethods.virStorageVolCreateXMLFrom(pool, xml, source, 0));
    }
}
