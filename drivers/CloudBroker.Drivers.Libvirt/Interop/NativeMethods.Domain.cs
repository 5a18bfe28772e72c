using System.Runtime.InteropServices;

namespace CloudBroker.Drivers.Libvirt.Interop;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(LibvirtLibrary.Name)]
    internal static partial int virDomainFree(nint domain);

    [LibraryImport(LibvirtLibrary.Name)]
    internal static partial int virDomainCreate(DomainHandle domain);

    [LibraryImport(LibvirtLibrary.Name)]
    internal static partial int virDomainShutdown(DomainHandle domain);

    [LibraryImport(LibvirtLibrary.Name)]
    internal static partial int virDomainDestroy(DomainHandle domain);

    /// <summary>The id of the domain's current run (a new one each start); <c>(uint)-1</c> when it is not running.</summary>
    [LibraryImport(LibvirtLibrary.Name)]
    internal static partial uint virDomainGetID(DomainHandle domain);

    [LibraryImport(LibvirtLibrary.Name)]
    internal static partial int virDomainUndefineFlags(DomainHandle domain, uint flags);

    [LibraryImport(LibvirtLibrary.Name)]
    internal static partial int virDomainGetState(DomainHandle domain, out int state, out int reason, uint flags);

    /// <summary>1 active (running, paused, ...), 0 inactive, -1 error.</summary>
    [LibraryImport(LibvirtLibrary.Name)]
    internal static partial int virDomainIsActive(DomainHandle domain);

    /// <summary>The name, owned by the domain object: copy it, never free it.</summary>
    [LibraryImport(LibvirtLibrary.Name)]
    internal static partial nint virDomainGetName(DomainHandle domain);

    /// <summary>Writes the UUID as text into a caller's buffer of <c>VIR_UUID_STRING_BUFLEN</c> (37) bytes.</summary>
    [LibraryImport(LibvirtLibrary.Name)]
    internal static partial int virDomainGetUUIDString(DomainHandle domain, byte* buffer);

    /// <summary>XML the caller must free.</summary>
    [LibraryImport(LibvirtLibrary.Name)]
    internal static partial nint virDomainGetXMLDesc(DomainHandle domain, uint flags);

    /// <summary>Text the caller must free; 0 with <c>VIR_ERR_NO_DOMAIN_METADATA</c> when there is none.</summary>
    [LibraryImport(LibvirtLibrary.Name, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint virDomainGetMetadata(DomainHandle domain, int type, string? uri, uint flags);

    [LibraryImport(LibvirtLibrary.Name, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int virDomainSetMetadata(DomainHandle domain, int type, string? metadata, string? key, string? uri, uint flags);

    /// <summary>Fills an array (free it) of <c>virDomainInterface*</c> (free each with virDomainInterfaceFree).</summary>
    [LibraryImport(LibvirtLibrary.Name)]
    internal static partial int virDomainInterfaceAddresses(DomainHandle domain, out nint interfaces, uint source, uint flags);

    [LibraryImport(LibvirtLibrary.Name)]
    internal static partial void virDomainInterfaceFree(nint iface);
}
