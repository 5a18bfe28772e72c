namespace CloudBroker.Drivers.Libvirt.Interop;

/// <summary>C <c>virDomainState</c>.</summary>
internal enum VirDomainState
{
    NoState = 0,
    Running = 1,
    Blocked = 2,
    Paused = 3,
    Shutdown = 4,
    Shutoff = 5,
    Crashed = 6,
    PMSuspended = 7,
}
