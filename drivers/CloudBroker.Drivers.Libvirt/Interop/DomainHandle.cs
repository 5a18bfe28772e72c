using Microsoft.Win32.SafeHandles;

namespace CloudBroker.Drivers.Libvirt.Interop;

/// <summary>A <c>virDomainPtr</c>; freeing releases the object, not the domain.</summary>
internal sealed class DomainHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public DomainHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>Takes ownership of a pointer libvirt handed over (an element of a list array).</summary>
    internal DomainHandle(nint owned)
        : this() => SetHandle(owned);

    protected override bool ReleaseHandle() => NativeMethods.virDomainFree(handle) == 0;
}
