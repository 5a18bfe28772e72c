namespace CloudBroker.Drivers.Libvirt.Interop;

/// <summary>Safe wrappers of the calls made on a virtual network.</summary>
internal static class Networks
{
    public static bool IsActive(NetworkHandle network) =>
        Checked.Call(NativeMethods.virNetworkIsActive(network), "virNetworkIsActive") == 1;
}
