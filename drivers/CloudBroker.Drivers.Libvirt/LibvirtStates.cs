using CloudBroker.Drivers.Libvirt.Interop;
using CloudBroker.Drivers.Libvirt.Xml;

namespace CloudBroker.Drivers.Libvirt;

/// <summary>The one table from <c>virDomainState</c> to the broker's states.</summary>
internal static class LibvirtStates
{
    public static StateTable<VirDomainState> Table { get; } = new(new Dictionary<VirDomainState, DriverInstanceState>
    {
        // qemu reports no state briefly while a domain starts.
        [VirDomainState.NoState] = DriverInstanceState.Pending,
        [VirDomainState.Running] = DriverInstanceState.Running,

        // Blocked is Xen's idle guest waiting on a resource: it is up (qemu never reports it).
        [VirDomainState.Blocked] = DriverInstanceState.Running,

        // The broker never pauses a domain: a paused one was stopped by the hypervisor (I/O error, full disk) or by hand.
        [VirDomainState.Paused] = DriverInstanceState.Error,
        [VirDomainState.Shutdown] = DriverInstanceState.Stopping,
        [VirDomainState.Shutoff] = DriverInstanceState.Stopped,
        [VirDomainState.Crashed] = DriverInstanceState.Error,

        // PMSuspended (a guest that suspended itself to RAM) is left out: unknown, nothing the broker can act on.
    });

    /// <summary>
    /// The broker's state; with a shutdown the broker asked for still pending, a domain up reads as stopping until it
    /// is off, and one rebooting as rebooting until it is up again.
    /// </summary>
    public static DriverInstanceState Map(VirDomainState state, ShutdownRequest? pending)
    {
        var mapped = Table.Map(state);
        return pending switch
        {
            { IsReboot: true } when mapped is DriverInstanceState.Running or DriverInstanceState.Stopping => DriverInstanceState.Rebooting,
            { IsReboot: false } when mapped == DriverInstanceState.Running => DriverInstanceState.Stopping,
            _ => mapped,
        };
    }

    /// <summary>The native state word, as <c>virsh domstate</c> would say it.</summary>
    public static string Native(VirDomainState state) => state switch
    {
        VirDomainState.NoState => "no state",
        VirDomainState.Running => "running",
        VirDomainState.Blocked => "blocked",
        VirDomainState.Paused => "paused",
        VirDomainState.Shutdown => "in shutdown",
        VirDomainState.Shutoff => "shut off",
        VirDomainState.Crashed => "crashed",
        VirDomainState.PMSuspended => "pmsuspended",
        _ => $"state {(int)state}",
    };
}
