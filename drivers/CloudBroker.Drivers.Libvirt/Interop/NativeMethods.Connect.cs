using System.Runtime.InteropServices;

namespace CloudBroker.Drivers.Libvirt.Interop;

internal static partial class NativeMethods
{
    [LibraryImport(LibvirtLibrary.Name, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial ConnectionHandle virConnectOpen(string uri);

    /// <summary>Returns the references left (≥ 0) or -1.</summary>
    [LibraryImport(LibvirtLibrary.Name)]
    internal static partial int virConnectClose(nint connection);

    /// <summary>1 alive, 0 dead, -1 error. Local and cheap: it looks at the client's socket, no round trip.</summary>
    [LibraryImport(LibvirtLibrary.Name)]
    internal static partial int virConnectIsAlive(ConnectionHandle connection);

    /// <summary>Fills an array (free it) of domain pointers (free each); returns their count or -1.</summary>
    [LibraryImport(LibvirtLibrary.Name)]
    internal static partial int virConnectListAllDomains(ConnectionHandle connection, out nint domains, uint flags);

    [LibraryImport(LibvirtLibrary.Name, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DomainHandle virDomainLookupByUUIDString(ConnectionHandle connection, string uuid);

    [LibraryImport(LibvirtLibrary.Name, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DomainHandle virDomainDefineXMLFlags(ConnectionHandle connection, string xml, uint flags);

    [LibraryImport(LibvirtLibrary.Name, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial NetworkHandle virNetworkLookupByName(ConnectionHandle connection, string name);

    [LibraryImport(LibvirtLibrary.Name, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial StoragePoolHandle virStoragePoolLookupByName(ConnectionHandle connection, string name);

    /// <summary>Fills the host's processors and memory; 0 or -1.</summary>
    [LibraryImport(LibvirtLibrary.Name)]
    internal static partial int virNodeGetInfo(ConnectionHandle connection, out VirNodeInfo info);
}
