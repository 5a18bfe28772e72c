using CloudBroker.Drivers.Libvirt.Interop;
using CloudBroker.Drivers.Libvirt.Xml;
using Microsoft.Extensions.Logging;

namespace CloudBroker.Drivers.Libvirt;

/// <summary>
/// Reads a domain as the broker sees it. Reading also finishes a stop: a domain still up when its stop request is
/// older than the grace period is destroyed then, so stop never blocks and nothing runs in the background.
/// </summary>
internal sealed class DomainObserver(string providerId, TimeProvider time, TimeSpan stopGrace, ILogger logger)
{
    private static readonly IReadOnlyDictionary<string, string> NoTags = new Dictionary<string, string>();

    public DriverInstance Observe(LibvirtConnection realm, DomainHandle domain)
    {
        var uuid = Domains.GetUuid(domain);
        var stopRequested = FinishStopIfDue(domain, uuid);
        var state = Domains.GetState(domain);
        var identity = BrokerMetadata.ParseIdentity(Domains.TryGetMetadata(domain, Domains.MetadataElement, BrokerMetadata.Namespace));
        var title = Domains.TryGetMetadata(domain, Domains.MetadataTitle, null);
        return new DriverInstance(
            uuid.ToString("D"),
            title ?? Domains.GetName(domain),
            realm.RealmId,
            identity?.ImageId,
            identity?.HardwareProfileId,
            LibvirtStates.Map(state, stopRequested),
            LibvirtStates.Native(state),
            state == VirDomainState.Running ? Addresses(domain, uuid) : [],
            identity?.ToTags() ?? NoTags);
    }

    /// <summary>When the broker asked this run of the domain to stop (kept in the live definition only), or <c>null</c>.</summary>
    public static DateTimeOffset? StopRequestOf(DomainHandle domain) =>
        BrokerMetadata.ParseStopRequest(Domains.TryGetMetadata(domain, Domains.MetadataElement, BrokerMetadata.StopNamespace));

    /// <summary>Destroys the domain when its stop request is past the grace period; returns whether a stop is still pending.</summary>
    public bool FinishStopIfDue(DomainHandle domain, Guid uuid)
    {
        if (StopRequestOf(domain) is not { } requestedAt)
        {
            return false;
        }

        if (time.GetUtcNow() < requestedAt + stopGrace)
        {
            return true;
        }

        LibvirtLog.ForcingOff(logger, providerId, uuid, stopGrace);
        try
        {
            Domains.Destroy(domain);
        }
        catch (DriverException ex) when (ex.Kind == DriverErrorKind.Conflict)
        {
            // It went off on its own in the meantime.
        }

        return false;
    }

    private IReadOnlyList<string> Addresses(DomainHandle domain, Guid uuid)
    {
        try
        {
            return Domains.LeaseAddresses(domain);
        }
        catch (DriverException ex)
        {
            // Not every network hands out leases libvirt knows about; the machine is fine without addresses.
            LibvirtLog.AddressesUnknown(logger, uuid, ex.Message);
            return [];
        }
    }
}
