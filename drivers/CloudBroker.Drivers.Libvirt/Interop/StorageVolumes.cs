namespace CloudBroker.Drivers.Libvirt.Interop;

/// <summary>Safe wrappers of the calls made on a storage volume.</summary>
internal static class StorageVolumes
{
    public static void Delete(StorageVolumeHandle volume)
    {
        using var call = LibvirtCall.Start(nameof(NativeMethods.virStorageVolDelete));
        call.Check(NativeMethods.virStorageVolDelete(volume, 0));
    }

    /// <summary>The name the volume object holds (no span: libvirt answers from the client's memory).</summary>
    public static string GetName(StorageVolumeHandle volume) =>
        NativeStrings.Borrow(NativeMethods.virStorageVolGetName(volume))
            ?? throw LibvirtError.Capture().ToException(nameof(NativeMethods.virStorageVolGetName));

    public static string GetXmlDesc(StorageVolumeHandle volume)
    {
        using var call = LibvirtCall.Start(nameof(NativeMethods.virStorageVolGetXMLDesc));
        return call.String(NativeMethods.virStorageVolGetXMLDesc(volume, 0));
    }

    /// <summary>Grows the volume to <paramref name="capacityBytes"/> (qemu-img resize for qcow2 files, a truncate for raw ones).</summary>
    public static void Resize(StorageVolumeHandle volume, ulong capacityBytes)
    {
        using var call = LibvirtCall.Start(nameof(NativeMethods.virStorageVolResize));
        call.Check(NativeMethods.virStorageVolResize(volume, capacityBytes, 0));
    }

    public static ulong GetCapacity(StorageVolumeHandle volume)
    {
        using var call = LibvirtCall.Start(nameof(NativeMethods.virStorageVolGetInfo));
        call.Check(NativeMethods.virStorageVolGetInfo(volume, out var info));
        return info.Capacity;
    }
}
