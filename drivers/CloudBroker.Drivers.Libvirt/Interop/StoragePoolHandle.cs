using Microsoft.Win32.SafeHandles;

namespace CloudBroker.Drivers.Libvirt.Interop;

/// <summary>A <c>virStoragePoolPtr</c>.</summary>
internal sealed class StoragePoolHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public StoragePoolHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => NativeMethods.virStoragePoolFree(handle) == 0;
}
