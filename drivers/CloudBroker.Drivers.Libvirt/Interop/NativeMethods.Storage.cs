using System.Runtime.InteropServices;

namespace CloudBroker.Drivers.Libvirt.Interop;

internal static partial class NativeMethods
{
    [LibraryImport(LibvirtLibrary.Name)]
    internal static partial int virStoragePoolFree(nint pool);

    [LibraryImport(LibvirtLibrary.Name)]
    internal static partial int virStoragePoolIsActive(StoragePoolHandle pool);

    [LibraryImport(LibvirtLibrary.Name)]
    internal static partial int virStoragePoolRefresh(StoragePoolHandle pool, uint flags);

    /// <summary>Fills an array (free it) of volume pointers (free each); returns their count or -1.</summary>
    [LibraryImport(LibvirtLibrary.Name)]
    internal static partial int virStoragePoolListAllVolumes(StoragePoolHandle pool, out nint volumes, uint flags);

    [LibraryImport(LibvirtLibrary.Name)]
    internal static partial int virStorageVolFree(nint volume);

    [LibraryImport(LibvirtLibrary.Name, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial StorageVolumeHandle virStorageVolLookupByName(StoragePoolHandle pool, string name);

    [LibraryImport(LibvirtLibrary.Name, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial StorageVolumeHandle virStorageVolCreateXML(StoragePoolHandle pool, string xml, uint flags);

    [LibraryImport(LibvirtLibrary.Name, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial StorageVolumeHandle virStorageVolCreateXMLFrom(
        StoragePoolHandle pool, string xml, StorageVolumeHandle source, uint flags);

    [LibraryImport(LibvirtLibrary.Name)]
    internal static partial int virStorageVolDelete(StorageVolumeHandle volume, uint flags);

    /// <summary>The name, owned by the volume object: copy it, never free it.</summary>
    [LibraryImport(LibvirtLibrary.Name)]
    internal static partial nint virStorageVolGetName(StorageVolumeHandle volume);

    /// <summary>XML the caller must free.</summary>
    [LibraryImport(LibvirtLibrary.Name)]
    internal static partial nint virStorageVolGetXMLDesc(StorageVolumeHandle volume, uint flags);

    /// <summary>Sets the volume's capacity (bytes; growing only, without flags).</summary>
    [LibraryImport(LibvirtLibrary.Name)]
    internal static partial int virStorageVolResize(StorageVolumeHandle volume, ulong capacity, uint flags);

    [LibraryImport(LibvirtLibrary.Name)]
    internal static partial int virStorageVolGetInfo(StorageVolumeHandle volume, out VirStorageVolInfo info);

    /// <summary>Fills the pool's state and sizes; 0 or -1.</summary>
    [LibraryImport(LibvirtLibrary.Name)]
    internal static partial int virStoragePoolGetInfo(StoragePoolHandle pool, out VirStoragePoolInfo info);
}
