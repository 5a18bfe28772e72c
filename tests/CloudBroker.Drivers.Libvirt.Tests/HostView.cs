using System.Xml.Linq;
using CloudBroker.Drivers.Libvirt.Interop;
using CloudBroker.Drivers.Libvirt.Xml;

namespace CloudBroker.Drivers.Libvirt.Tests;

/// <summary>
/// Looks at a realm's libvirt state through the driver's own connection (a test-driver host exists only inside
/// the connection that opened it), with the driver's interop wrappers.
/// </summary>
internal sealed class HostView(LibvirtDriver driver, string realmId = "host-a")
{
    private LibvirtConnection Realm => driver.Realms.Find(realmId) ?? throw new InvalidOperationException($"no realm {realmId}");

    public T Run<T>(Func<ConnectionHandle, T> work) => Realm.Run(work);

    public string[] VolumeNames(string pool = "default") => Run(connection =>
    {
        using var handle = Connections.LookupPool(connection, pool);
        var volumes = StoragePools.ListAllVolumes(handle);
        try
        {
            return volumes.Select(StorageVolumes.GetName).Order(StringComparer.Ordinal).ToArray();
        }
        finally
        {
            NativeArrays.DisposeAll(volumes);
        }
    });

    public string[] InstanceVolumes(string pool = "default") => [.. VolumeNames(pool).Where(n => n.StartsWith("cb-", StringComparison.Ordinal))];

    public (ulong Capacity, string? Format) Volume(string name, string pool = "default") => Run(connection =>
    {
        using var handle = Connections.LookupPool(connection, pool);
        using var volume = StoragePools.TryLookupVolume(handle, name) ?? throw new InvalidOperationException($"no volume {name}");
        var xml = XElement.Parse(StorageVolumes.GetXmlDesc(volume));
        return (StorageVolumes.GetCapacity(volume), (string?)xml.Element("target")?.Element("format")?.Attribute("type"));
    });

    public Guid[] DomainUuids() => Run(connection =>
    {
        var domains = Connections.ListAllDomains(connection);
        try
        {
            return domains.Select(Domains.GetUuid).ToArray();
        }
        finally
        {
            NativeArrays.DisposeAll(domains);
        }
    });

    public XElement DomainXml(string instanceId) => XElement.Parse(OnDomain(instanceId, Domains.GetXmlDesc));

    public (VirDomainState State, int Reason) State(string instanceId) => OnDomain(instanceId, Domains.GetStateAndReason);

    /// <summary>Writes a stop request into the live definition, as a stop whose shutdown the guest ignored leaves it.</summary>
    public void RecordIgnoredShutdown(string instanceId, DateTimeOffset requestedAt) => OnDomain(instanceId, domain =>
    {
        Domains.SetMetadataElement(
            domain, BrokerMetadata.WriteShutdownRequest(new ShutdownRequest(requestedAt, null)), BrokerMetadata.StopPrefix, BrokerMetadata.StopNamespace, Domains.AffectLive);
        return true;
    });

    /// <summary>Writes a reboot request of the current run into both definitions, as a reboot whose ACPI request the guest ignored leaves it.</summary>
    public void RecordIgnoredReboot(string instanceId, DateTimeOffset requestedAt) => OnDomain(instanceId, domain =>
    {
        Domains.SetMetadataElement(
            domain, BrokerMetadata.WriteShutdownRequest(new ShutdownRequest(requestedAt, Domains.GetRunId(domain))), BrokerMetadata.StopPrefix,
            BrokerMetadata.StopNamespace, Domains.AffectLive | Domains.AffectConfig);
        return true;
    });

    /// <summary>The id of the domain's current run; <c>null</c> when it is off.</summary>
    public uint? RunId(string instanceId) => OnDomain(instanceId, Domains.GetRunId);

    /// <summary>Makes a volume in the pool, as a create that died after its disk (or another installation) leaves one.</summary>
    public void AddVolume(string name, ulong capacityBytes, string pool = "default") => Run(connection =>
    {
        using var handle = Connections.LookupPool(connection, pool);
        using var volume = StoragePools.CreateVolume(handle, VolumeXml.Write(name, capacityBytes, "qcow2"));
        return true;
    });

    public T OnDomain<T>(string instanceId, Func<DomainHandle, T> work) => Run(connection =>
    {
        using var domain = Connections.TryLookupDomain(connection, Guid.Parse(instanceId))
            ?? throw new InvalidOperationException($"no domain {instanceId} in {realmId}");
        return work(domain);
    });
}
