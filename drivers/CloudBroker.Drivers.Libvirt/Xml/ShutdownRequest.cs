namespace CloudBroker.Drivers.Libvirt.Xml;

/// <summary>
/// A shutdown the broker asked of a domain's guest (ACPI), kept in the domain's metadata: when it was asked, and for a
/// reboot, the run it was asked of. Each start gives a domain a new run id, so a domain running under another id has
/// rebooted — the one signal that holds on every host, whatever the guest did to get there.
/// </summary>
/// <param name="RebootOfRun">The run id (<c>virDomainGetID</c>) the reboot was asked of; <c>null</c> for a stop.</param>
internal sealed record ShutdownRequest(DateTimeOffset RequestedAt, uint? RebootOfRun)
{
    public bool IsReboot => RebootOfRun is not null;
}
