namespace CloudBroker.Drivers.Libvirt.Interop;

/// <summary>Safe wrappers of the calls made on a storage pool.</summary>
internal static class StoragePools
{
    public static bool IsActive(StoragePoolHandle pool) =>
        Checked.Call(NativeMethods.virStoragePoolIsActive(pool), "virStoragePoolIsActive") == 1;

    /// <summary>Re-reads the pool's backing store, so image files an operator copied in appear.</summary>
    public static void Refresh(StoragePoolHandle pool) =>
        Checked.Call(NativeMethods.virStoragePoolRefresh(pool, 0), "virStoragePoolRefresh");

    /// <summary>Every volume of the pool. Dispose each handle.</summary>
    public static StorageVolumeHandle[] ListAllVolumes(StoragePoolHandle pool)
    {
        var count = Checked.Call(NativeMethods.virStoragePoolListAllVolumes(pool, out var array, 0), "virStoragePoolListAllVolumes");
        return NativeArrays.TakeHandles(array, count, pointer => new StorageVolumeHandle(pointer));
    }

    public static StorageVolumeHandle? TryLookupVolume(StoragePoolHandle pool, string name) =>
        Checked.HandleOrNull(NativeMethods.virStorageVolLookupByName(pool, name), "virStorageVolLookupByName", VirErrorCode.NoStorageVol);

    public static StorageVolumeHandle CreateVolume(StoragePoolHandle pool, string xml) =>
        Checked.Handle(NativeMethods.virStorageVolCreateXML(pool, xml, 0), "virStorageVolCreateXML");

    /// <summary>A new volume described by <paramref name="xml"/> with the content of <paramref name="source"/>.</summary>
    public static StorageVolumeHandle CloneVolume(StoragePoolHandle pool, string xml, StorageVolumeHandle source) =>
        Checked.Handle(NativeMethods.virStorageVolCreateXMLFrom(pool, xml, source, 0), "virStorageVolCreateXMLFrom");
}
