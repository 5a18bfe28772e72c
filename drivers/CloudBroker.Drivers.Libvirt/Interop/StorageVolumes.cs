namespace CloudBroker.Drivers.Libvirt.Interop;

/// <summary>Safe wrappers of the calls made on a storage volume.</summary>
internal static class StorageVolumes
{
    public static void Delete(StorageVolumeHandle volume) =>
        Checked.Call(NativeMethods.virStorageVolDelete(volume, 0), "virStorageVolDelete");

    public static string GetName(StorageVolumeHandle volume) =>
        NativeStrings.Borrow(NativeMethods.virStorageVolGetName(volume)) ?? throw LibvirtError.Capture().ToException("virStorageVolGetName");

    public static string GetXmlDesc(StorageVolumeHandle volume) =>
        NativeStrings.Take(NativeMethods.virStorageVolGetXMLDesc(volume, 0)) ?? throw LibvirtError.Capture().ToException("virStorageVolGetXMLDesc");

    /// <summary>Grows the volume to <paramref name="capacityBytes"/> (qemu-img resize for qcow2 files, a truncate for raw ones).</summary>
    public static void Resize(StorageVolumeHandle volume, ulong capacityBytes) =>
        Checked.Call(NativeMethods.virStorageVolResize(volume, capacityBytes, 0), "virStorageVolResize");

    public static ulong GetCapacity(StorageVolumeHandle volume)
    {
        Checked.Call(NativeMethods.virStorageVolGetInfo(volume, out var info), "virStorageVolGetInfo");
        return info.Capacity;
    }
}
