using Microsoft.Win32.SafeHandles;

namespace CloudBroker.Drivers.Libvirt.Interop;

/// <summary>A <c>virNetworkPtr</c>.</summary>
internal sealed class NetworkHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public NetworkHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => NativeMethods.virNetworkFree(handle) == 0;
}
