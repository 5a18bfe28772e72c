using System.Runtime.InteropServices;

namespace CloudBroker.Drivers.Libvirt.Interop;

/// <summary>The leading fields of C <c>virError</c> (read through a pointer, never allocated by us).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct VirError
{
    public int Code;
    public int Domain;
    public nint Message;
}
