using System.Runtime.InteropServices;

namespace CloudBroker.Drivers.Libvirt.Interop;

/// <summary>
/// The libvirt imports. No import returns <see cref="string"/>: libvirt owns some strings and hands others over
/// to be freed, so pointers come back as <see cref="nint"/> and <see cref="NativeStrings"/> copies them.
/// </summary>
internal static unsafe partial class NativeMethods
{
    [LibraryImport(LibvirtLibrary.Name)]
    internal static partial int virInitialize();

    [LibraryImport(LibvirtLibrary.Name)]
    internal static partial void virSetErrorFunc(nint userData, delegate* unmanaged[Cdecl]<nint, nint, void> handler);

    /// <summary>The calling thread's last error (owned by libvirt), or 0.</summary>
    [LibraryImport(LibvirtLibrary.Name)]
    internal static partial nint virGetLastError();

    [LibraryImport(LibvirtLibrary.Name)]
    internal static partial void virResetLastError();
}
