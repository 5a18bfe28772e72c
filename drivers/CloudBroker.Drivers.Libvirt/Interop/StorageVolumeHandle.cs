using Microsoft.Win32.SafeHandles;

namespace CloudBroker.Drivers.Libvirt.Interop;

/// <summary>A <c>virStorageVolPtr</c>; freeing releases the object, not the volume.</summary>
internal sealed class StorageVolumeHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public StorageVolumeHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>Takes ownership of a pointer libvirt handed over (an element of a list array).</summary>
    internal StorageVolumeHandle(nint owned)
        : this() => SetHandle(owned);

    protected override bool ReleaseHandle() => NativeMethods.virStorageVolFree(handle) == 0;
}
