using CloudBroker.Drivers.Libvirt.Interop;
using CloudBroker.Drivers.Libvirt.Xml;
using Microsoft.Extensions.Logging;

namespace CloudBroker.Drivers.Libvirt;

/// <summary>
/// Reads a domain as the broker sees it. Reading also finishes a shutdown the broker asked for (stop or reboot): a
/// domain still up when its request is older than the grace period is destroyed then, and one that was to reboot is
/// started again — so stop and reboot never block and nothing runs in the background.
/// </summary>
internal sealed class DomainObserver(string providerId, TimeProvider time, TimeSpan shutdownGrace, ILogger logger)
{
    private static readonly IReadOnlyDictionary<string, string> NoTags = new Dictionary<string, string>();

    public DriverInstance Observe(LibvirtConnection realm, DomainHandle domain)
    {
        var uuid = Domains.GetUuid(domain);
        var pending = FinishShutdownIfDue(domain, uuid);
        var state = Domains.GetState(domain);
        var identity = BrokerMetadata.ParseIdentity(Domains.TryGetMetadata(domain, Domains.MetadataElement, BrokerMetadata.Namespace));
        var title = Domains.TryGetMetadata(domain, Domains.MetadataTitle, null);
        return new DriverInstance(
            uuid.ToString("D"),
            title ?? Domains.GetName(domain),
            realm.RealmId,
            identity?.ImageId,
            identity?.HardwareProfileId,
            LibvirtStates.Map(state, pending),
            LibvirtStates.Native(state),
            state == VirDomainState.Running ? Addresses(domain, uuid) : [],
            identity?.ToTags() ?? NoTags);
    }

    /// <summary>
    /// The shutdown the broker asked of the domain, or <c>null</c>. A stop is kept in the live definition only (it
    /// vanishes with the run); a reboot also in the persistent one, so it outlives the guest's power-off.
    /// </summary>
    public static ShutdownRequest? ShutdownRequestOf(DomainHandle domain) =>
        BrokerMetadata.ParseShutdownRequest(Domains.TryGetMetadata(domain, Domains.MetadataElement, BrokerMetadata.StopNamespace));

    /// <summary>Asks the guest to shut down (ACPI) and records the request; a reboot of <paramref name="run"/> if given.</summary>
    public void RequestShutdown(DomainHandle domain, uint? rebootOfRun)
    {
        var request = new ShutdownRequest(time.GetUtcNow(), rebootOfRun);
        var where = request.IsReboot ? Domains.AffectLive | Domains.AffectConfig : Domains.AffectLive;
        if (request.IsReboot)
        {
            // Written first: a guest that powers off at once must find it in the definition it leaves behind.
            Record(domain, request, where);
            try
            {
                Domains.Shutdown(domain);
            }
            catch (DriverException)
            {
                Forget(domain);
                throw;
            }

            return;
        }

        Domains.Shutdown(domain);
        try
        {
            if (Domains.IsActive(domain))
            {
                Record(domain, request, where);
            }
        }
        catch (DriverException) when (!Domains.IsActive(domain))
        {
            // It shut down before the request could be written: nothing left to finish.
        }
    }

    /// <summary>
    /// Carries a shutdown request on: a domain up past the grace period is destroyed, and one that was to reboot is
    /// started again (a guest that powered off by itself within the grace is started, never reset). Returns the
    /// request while it is still pending, <c>null</c> once there is none.
    /// </summary>
    public ShutdownRequest? FinishShutdownIfDue(DomainHandle domain, Guid uuid)
    {
        if (ShutdownRequestOf(domain) is not { } request)
        {
            return null;
        }

        var run = Domains.GetRunId(domain);
        if (request.IsReboot && run is not null && run != request.RebootOfRun)
        {
            Forget(domain); // up again under a new run: the reboot is done.
            return null;
        }

        if (run is not null && time.GetUtcNow() < request.RequestedAt + shutdownGrace)
        {
            return request;
        }

        if (run is not null)
        {
            LibvirtLog.ForcingOff(logger, providerId, uuid, shutdownGrace, request.IsReboot ? " and starting it again" : "");
            try
            {
                Domains.Destroy(domain);
            }
            catch (DriverException ex) when (ex.Kind == DriverErrorKind.Conflict)
            {
                // It went off on its own in the meantime.
            }
        }

        if (request.IsReboot)
        {
            // Started before the request is dropped: if the broker dies in between, the new run id says it is done.
            Domains.Create(domain);
            Forget(domain);
        }

        return null;
    }

    /// <summary>Drops a shutdown request: a reboot's from both definitions, a stop's from the running one.</summary>
    public static void Forget(DomainHandle domain)
    {
        var request = ShutdownRequestOf(domain);
        var where = Domains.IsActive(domain) ? Domains.AffectLive : 0;
        if (request?.IsReboot == true)
        {
            where |= Domains.AffectConfig;
        }

        if (request is not null)
        {
            Domains.SetMetadataElement(domain, null, BrokerMetadata.StopPrefix, BrokerMetadata.StopNamespace, where);
        }
    }

    private static void Record(DomainHandle domain, ShutdownRequest request, uint where) =>
        Domains.SetMetadataElement(domain, BrokerMetadata.WriteShutdownRequest(request), BrokerMetadata.StopPrefix, BrokerMetadata.StopNamespace, where);

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
