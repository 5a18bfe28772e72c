using System.Runtime.InteropServices;
using CloudBroker.Drivers.Libvirt.Interop;

namespace CloudBroker.Drivers.Libvirt.Tests;

/// <summary>libvirt calls only the tests make, to leave a host in states an operator's actions would.</summary>
internal static partial class TestNativeMethods
{
    /// <summary>Saves a running domain's memory to a managed-save image and stops it (what <c>virsh managedsave</c> does).</summary>
    [LibraryImport(LibvirtLibrary.Name)]
    internal static partial int virDomainManagedSave(DomainHandle domain, uint flags);

    [LibraryImport(LibvirtLibrary.Name)]
    internal static partial int virDomainHasManagedSaveImage(DomainHandle domain, uint flags);
}
