using CloudBroker.Drivers.Libvirt.Interop;

namespace CloudBroker.Drivers.Libvirt;

/// <summary>A domain found by its UUID, with the realm and connection it lives on.</summary>
internal readonly record struct LocatedDomain(LibvirtConnection Realm, ConnectionHandle Connection, DomainHandle Domain);
