namespace CloudBroker.Drivers.Libvirt.Interop;

/// <summary>Safe wrappers of the calls made on a connection.</summary>
internal static class Connections
{
    /// <summary><c>VIR_DOMAIN_DEFINE_VALIDATE</c>: libvirt checks the XML against its RNG schema before defining.</summary>
    private const uint DefineValidate = 1;

    public static ConnectionHandle Open(string uri)
    {
        using var call = LibvirtCall.Start(nameof(NativeMethods.virConnectOpen));
        var handle = NativeMethods.virConnectOpen(uri);
        if (!handle.IsInvalid)
        {
            return handle;
        }

        var error = LibvirtError.Capture();
        handle.Dispose();

        // A host we cannot open is unusable for now, whatever the code (socket, ssh, bad node file); only refused credentials differ.
        var kind = error.Kind == DriverErrorKind.Authentication ? DriverErrorKind.Authentication : DriverErrorKind.Unavailable;
        throw call.Failed(error, kind);
    }

    /// <summary>Whether libvirt still considers the connection usable; an error counts as dead. No span: it looks at the socket only.</summary>
    public static bool IsAlive(ConnectionHandle connection)
    {
        var alive = NativeMethods.virConnectIsAlive(connection);
        if (alive < 0)
        {
            LibvirtError.Capture();
        }

        return alive == 1;
    }

    /// <summary>Every domain, active or not. Dispose each handle.</summary>
    public static DomainHandle[] ListAllDomains(ConnectionHandle connection)
    {
        using var call = LibvirtCall.Start(nameof(NativeMethods.virConnectListAllDomains));
        var count = call.Check(NativeMethods.virConnectListAllDomains(connection, out var array, 0));
        return NativeArrays.TakeHandles(array, count, pointer => new DomainHandle(pointer));
    }

    public static DomainHandle? TryLookupDomain(ConnectionHandle connection, Guid uuid)
    {
        using var call = LibvirtCall.Start(nameof(NativeMethods.virDomainLookupByUUIDString));
        return call.HandleOrNull(NativeMethods.virDomainLookupByUUIDString(connection, uuid.ToString("D")), VirErrorCode.NoDomain);
    }

    /// <summary>Defines (or, for the same name and UUID, redefines) a persistent domain, schema-validated.</summary>
    public static DomainHandle DefineDomain(ConnectionHandle connection, string xml)
    {
        using var call = LibvirtCall.Start(nameof(NativeMethods.virDomainDefineXMLFlags));
        return call.Handle(NativeMethods.virDomainDefineXMLFlags(connection, xml, DefineValidate));
    }

    public static NetworkHandle LookupNetwork(ConnectionHandle connection, string name)
    {
        using var call = LibvirtCall.Start(nameof(NativeMethods.virNetworkLookupByName));
        return call.Handle(NativeMethods.virNetworkLookupByName(connection, name));
    }

    public static StoragePoolHandle LookupPool(ConnectionHandle connection, string name)
    {
        using var call = LibvirtCall.Start(nameof(NativeMethods.virStoragePoolLookupByName));
        return call.Handle(NativeMethods.virStoragePoolLookupByName(connection, name));
    }

    public static StoragePoolHandle? TryLookupPool(ConnectionHandle connection, string name)
    {
        using var call = LibvirtCall.Start(nameof(NativeMethods.virStoragePoolLookupByName));
        return call.HandleOrNull(NativeMethods.virStoragePoolLookupByName(connection, name), VirErrorCode.NoStoragePool);
    }

    /// <summary>The host's logical CPUs and memory in KiB.</summary>
    public static (long Cpus, long MemoryKiB) GetNodeInfo(ConnectionHandle connection)
    {
        using var call = LibvirtCall.Start(nameof(NativeMethods.virNodeGetInfo));
        call.Check(NativeMethods.virNodeGetInfo(connection, out var info));
        return (info.Cpus, checked((long)info.MemoryKiB.Value));
    }
}
