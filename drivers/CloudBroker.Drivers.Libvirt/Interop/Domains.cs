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

    public static void Create(DomainHandle domain) => Checked.Call(NativeMethods.virDomainCreate(domain), "virDomainCreate");

    public static void Shutdown(DomainHandle domain) => Checked.Call(NativeMethods.virDomainShutdown(domain), "virDomainShutdown");

    public static void Destroy(DomainHandle domain) => Checked.Call(NativeMethods.virDomainDestroy(domain), "virDomainDestroy");

    /// <summary>The id of the domain's current run, or <c>null</c> when it is not running: each start gives a new one.</summary>
    public static uint? GetRunId(DomainHandle domain) => NativeMethods.virDomainGetID(domain) is var id && id != uint.MaxValue ? id : null;

    public static void Undefine(DomainHandle domain, uint flags) =>
        Checked.Call(NativeMethods.virDomainUndefineFlags(domain, flags), "virDomainUndefineFlags");

    public static VirDomainState GetState(DomainHandle domain)
    {
        Checked.Call(NativeMethods.virDomainGetState(domain, out var state, out _, 0), "virDomainGetState");
        return (VirDomainState)state;
    }

    /// <summary>The state and its reason (a <c>virDomain*Reason</c> value of that state).</summary>
    public static (VirDomainState State, int Reason) GetStateAndReason(DomainHandle domain)
    {
        Checked.Call(NativeMethods.virDomainGetState(domain, out var state, out var reason, 0), "virDomainGetState");
        return ((VirDomainState)state, reason);
    }

    public static bool IsActive(DomainHandle domain) => Checked.Call(NativeMethods.virDomainIsActive(domain), "virDomainIsActive") == 1;

    public static string GetName(DomainHandle domain) =>
        NativeStrings.Borrow(NativeMethods.virDomainGetName(domain)) ?? throw LibvirtError.Capture().ToException("virDomainGetName");

    public static Guid GetUuid(DomainHandle domain)
    {
        var buffer = stackalloc byte[37];
        Checked.Call(NativeMethods.virDomainGetUUIDString(domain, buffer), "virDomainGetUUIDString");
        return Guid.Parse(Marshal.PtrToStringUTF8((nint)buffer)!);
    }

    public static string GetXmlDesc(DomainHandle domain) =>
        NativeStrings.Take(NativeMethods.virDomainGetXMLDesc(domain, 0)) ?? throw LibvirtError.Capture().ToException("virDomainGetXMLDesc");

    /// <summary>The title, or the custom element of <paramref name="uri"/>; <c>null</c> when the domain has none.</summary>
    public static string? TryGetMetadata(DomainHandle domain, int type, string? uri)
    {
        var text = NativeStrings.Take(NativeMethods.virDomainGetMetadata(domain, type, uri, 0));
        if (text is not null)
        {
            return text;
        }

        var error = LibvirtError.Capture();
        return error.Code == VirErrorCode.NoDomainMetadata ? null : throw error.ToException("virDomainGetMetadata");
    }

    /// <summary>Sets (or, with <paramref name="element"/> null, removes) the custom element of <paramref name="uri"/>.</summary>
    public static void SetMetadataElement(DomainHandle domain, string? element, string prefix, string uri, uint flags) =>
        Checked.Call(
            NativeMethods.virDomainSetMetadata(domain, MetadataElement, element, element is null ? null : prefix, uri, flags),
            "virDomainSetMetadata");

    /// <summary>Addresses the host's DHCP leases give the domain's NICs (<c>VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_LEASE</c>).</summary>
    public static IReadOnlyList<string> LeaseAddresses(DomainHandle domain)
    {
        var count = Checked.Call(NativeMethods.virDomainInterfaceAddresses(domain, out var array, 0, 0), "virDomainInterfaceAddresses");
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
