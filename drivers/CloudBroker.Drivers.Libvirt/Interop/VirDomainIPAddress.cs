using System.Runtime.InteropServices;

namespace CloudBroker.Drivers.Libvirt.Interop;

/// <summary>C <c>virDomainIPAddress</c>, an element of <see cref="VirDomainInterface.Addresses"/>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct VirDomainIPAddress
{
    public int Type;
    public nint Address;
    public uint Prefix;
}
