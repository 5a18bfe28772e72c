namespace CloudBroker.Drivers.Libvirt.Interop;

/// <summary>The one table from libvirt error codes to the driver error taxonomy.</summary>
internal static class LibvirtErrorKinds
{
    public static DriverErrorKind Map(VirErrorCode code) => code switch
    {
        VirErrorCode.NoDomain or VirErrorCode.NoStoragePool or VirErrorCode.NoStorageVol or VirErrorCode.NoNetwork
            or VirErrorCode.NoDomainMetadata => DriverErrorKind.NotFound,

        VirErrorCode.OperationInvalid or VirErrorCode.DomExist or VirErrorCode.NetworkExist or VirErrorCode.StorageVolExist
            or VirErrorCode.ResourceBusy => DriverErrorKind.Conflict,

        VirErrorCode.AuthFailed or VirErrorCode.AuthCancelled or VirErrorCode.AuthUnavailable or VirErrorCode.AccessDenied
            or VirErrorCode.OperationDenied => DriverErrorKind.Authentication,

        VirErrorCode.XmlError or VirErrorCode.XmlDetail or VirErrorCode.XmlInvalidSchema or VirErrorCode.InvalidArg
            or VirErrorCode.ConfigUnsupported or VirErrorCode.ArgumentUnsupported or VirErrorCode.NoSupport
            or VirErrorCode.OperationUnsupported or VirErrorCode.OsType or VirErrorCode.InvalidMac
            or VirErrorCode.CpuIncompatible or VirErrorCode.DeviceMissing => DriverErrorKind.InvalidRequest,

        VirErrorCode.OperationTimeout or VirErrorCode.AgentUnresponsive => DriverErrorKind.Timeout,

        // The host, the daemon or the way to them failed: trying again later may work. So may internal
        // errors and anything newer than this table, which the core retries a bounded number of times.
        _ => DriverErrorKind.Unavailable,
    };
}
