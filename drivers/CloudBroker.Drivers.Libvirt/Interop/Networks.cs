namespace CloudBroker.Drivers.Libvirt.Interop;

/// <summary>Safe wrappers of the calls made on a virtual network.</summary>
internal static class Networks
{
    public static bool IsActive(NetworkHandle network)
    {
        using var call = LibvirtCall.Start(nameof(NativeMethods.virNetworkIsActive));
        return call.Check(NativeMethods.virNetworkIsActive(network)) == 1;
    }
}
