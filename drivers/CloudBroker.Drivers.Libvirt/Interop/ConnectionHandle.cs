using Microsoft.Win32.SafeHandles;

namespace CloudBroker.Drivers.Libvirt.Interop;

/// <summary>A <c>virConnectPtr</c>; closing drops our reference (domains made through it keep theirs).</summary>
internal sealed class ConnectionHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public ConnectionHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => NativeMethods.virConnectClose(handle) >= 0;
}
