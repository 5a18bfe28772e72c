using System.Runtime.InteropServices;

namespace CloudBroker.Drivers.Libvirt.Interop;

/// <summary>C <c>virDomainInterface</c>: strings and the address array are owned by it (virDomainInterfaceFree).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct VirDomainInterface
{
    public nint Name;
    public nint HardwareAddress;
    public uint AddressCount;
    public nint Addresses;
}
