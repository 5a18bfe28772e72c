using System.Runtime.InteropServices;

namespace CloudBroker.Drivers.Libvirt.Interop;

internal static partial class NativeMethods
{
    [LibraryImport(LibvirtLibrary.Name)]
    internal static partial int virNetworkFree(nint network);

    [LibraryImport(LibvirtLibrary.Name)]
    internal static partial int virNetworkIsActive(NetworkHandle network);
}
