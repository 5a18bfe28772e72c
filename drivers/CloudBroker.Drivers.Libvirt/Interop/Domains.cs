using System.Runtime.InteropServices;

namespace CloudBroker.Drivers.Libvirt.Interop;

/// <summary>Safe wrappers of the calls made on a domain.</summary>
internal static unsafe class Domains
{
    /// <summary><c>VIR_DOMAIN_METADATA_TITLE</c>.</summary>
    public const int MetadataTitle = 1;

    /// <summary><c>VIR_DOMAIN_METADATA_ELEMENT</c>: one custom element per namespace URI.</summary>
    public const int MetadataElement = 2;

    /// <summary><c>VIR_DOMAIN_AFFECT_LIVE</c>: the running definition only, dropped when the domain stops.</summary>
    public const uint AffectLive = 1;

    /// <summary><c>VIR_DOMAIN_AFFECT_CONFIG</c>: the persistent definition, which the next run starts from.</summary>
    public const uint AffectConfig = 2;

    /// <summary><c>VIR_DOMAIN_UNDEFINE_MANAGED_SAVE | SNAPSHOTS_METADATA</c>.</summary>
    public const uint UndefineSaveAndSnapshots = 1 | 2;

    /// <summary>The above plus <c>VIR_DOMAIN_UNDEFINE_NVRAM | CHECKPOINTS_METADATA</c>.</summary>
    public const uint UndefineEverything = UndefineSaveAndSnapshots | 4 | 16;

    public static void Create(DomainHandle domain)
    {
        using var call = LibvirtCall.Start(nameof(NativeMethods.virDomainCreate));
        call.Check(NativeMethods.virDomainCreate(domain));
    }

    public static void Shutdown(DomainHandle domain)
    {
        using var call = LibvirtCall.Start(nameof(NativeMethods.virDomainShutdown));
        call.Check(NativeMethods.virDomainShutdown(domain));
    }

    public static void Destroy(DomainHandle domain)
    {
        using var call = LibvirtCall.Start(nameof(NativeMethods.virDomainDestroy));
        call.Check(NativeMethods.virDomainDestroy(domain));
    }

    /// <summary>
    /// The id of the domain's current run, or <c>null</c> when it is not running: each start gives a new one. No span:
    /// the domain object holds the id.
    /// </summary>
    public static uint? GetRunId(DomainHandle domain) => NativeMethods.virDomainGetID(domain) is var id && id != uint.MaxValue ? id : null;

    public static void Undefine(DomainHandle domain, uint flags)
    {
        using var call = LibvirtCall.Start(nameof(NativeMethods.virDomainUndefineFlags));
        call.Check(NativeMethods.virDomainUndefineFlags(domain, flags));
    }

    public static VirDomainState GetState(DomainHandle domain) => GetStateAndReason(domain).State;

    /// <summary>The state and its reason (a <c>virDomain*Reason</c> value of that state).</summary>
    public static (VirDomainState State, int Reason) GetStateAndReason(DomainHandle domain)
    {
        using var call = LibvirtCall.Start(nameof(NativeMethods.virDomainGetState));
        call.Check(NativeMethods.virDomainGetState(domain, out var state, out var reason, 0));
        return ((VirDomainState)state, reason);
    }

    public static bool IsActive(DomainHandle domain)
    {
        using var call = LibvirtCall.Start(nameof(NativeMethods.virDomainIsActive));
        return call.Check(NativeMethods.virDomainIsActive(domain)) == 1;
    }

    /// <summary>The name the domain object holds (no span: libvirt answers from the client's memory).</summary>
    public static string GetName(DomainHandle domain) =>
        NativeStrings.Borrow(NativeMethods.virDomainGetName(domain))
            ?? throw LibvirtError.Capture().ToException(nameof(NativeMethods.virDomainGetName));

    /// <summary>The UUID the domain object holds (no span: libvirt formats it from the client's memory).</summary>
    public static Guid GetUuid(DomainHandle domain)
    {
        var buffer = stackalloc byte[37];
        if (NativeMethods.virDomainGetUUIDString(domain, buffer) < 0)
        {
            throw LibvirtError.Capture().ToException(nameof(NativeMethods.virDomainGetUUIDString));
        }

        return Guid.Parse(Marshal.PtrToStringUTF8((nint)buffer)!);
    }

    public static string GetXmlDesc(DomainHandle domain)
    {
        using var call = LibvirtCall.Start(nameof(NativeMethods.virDomainGetXMLDesc));
        return call.String(NativeMethods.virDomainGetXMLDesc(domain, 0));
    }

    /// <summary>The title, or the custom element of <paramref name="uri"/>; <c>null</c> when the domain has none.</summary>
    public static string? TryGetMetadata(DomainHandle domain, int type, string? uri)
    {
        using var call = LibvirtCall.Start(nameof(NativeMethods.virDomainGetMetadata));
        return call.StringOrNull(NativeMethods.virDomainGetMetadata(domain, type, uri, 0), VirErrorCode.NoDomainMetadata);
    }

    /// <summary>Sets (or, with <paramref name="element"/> null, removes) the custom element of <paramref name="uri"/>.</summary>
    public static void SetMetadataElement(DomainHandle domain, string? element, string prefix, string uri, uint flags)
    {
        using var call = LibvirtCall.Start(nameof(NativeMethods.virDomainSetMetadata));
        call.Check(NativeMethods.virDomainSetMetadata(domain, MetadataElement, element, element is null ? null : prefix, uri, flags));
    }

    /// <summary>Addresses the host's DHCP leases give the domain's NICs (<c>VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE</c>).</summary>
    public static IReadOnlyList<string> LeaseAddresses(DomainHandle domain)
    {
        using var call = LibvirtCall.Start(nameof(NativeMethods.virDomainInterfaceAddresses));
        var count = call.Check(NativeMethods.virDomainInterfaceAddresses(domain, out var array, 0, 0));
        var addresses = new List<string>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var iface = (VirDomainInterface*)((nint*)array)[i];
                var ips = (VirDomainIPAddress*)iface->Addresses;
                for (var j = 0; j < iface->AddressCount; j++)
                {
                    if (NativeStrings.Borrow(ips[j].Address) is { } address)
                    {
                        addresses.Add(address);
                    }
                }
            }
        }
        finally
        {
            for (var i = 0; i < count; i++)
            {
                NativeMethods.virDomainInterfaceFree(((nint*)array)[i]);
            }

            NativeMemory.Free((void*)array);
        }

        return addresses;
    }
}
