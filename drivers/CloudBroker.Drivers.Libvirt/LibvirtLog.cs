using Microsoft.Extensions.Logging;

namespace CloudBroker.Drivers.Libvirt;

internal static partial class LibvirtLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Libvirt realm {RealmId} connected to {Uri}")]
    public static partial void Connected(ILogger logger, string realmId, string uri);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Libvirt realm {RealmId}: the connection to {Uri} died; reopening it")]
    public static partial void Reopening(ILogger logger, string realmId, string uri);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Libvirt realm {RealmId} did not answer")]
    public static partial void RealmUnanswered(ILogger logger, string realmId, Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Libvirt provider {ProviderId} created instance {InstanceId} in realm {RealmId}")]
    public static partial void Created(ILogger logger, string providerId, Guid instanceId, string realmId);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning,
        Message = "Libvirt provider {ProviderId}: instance {InstanceId} did not shut down within {Grace}; destroying its domain{Then}")]
    public static partial void ForcingOff(ILogger logger, string providerId, Guid instanceId, TimeSpan grace, string then);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning,
        Message = "Libvirt provider {ProviderId}: undoing a failed create of instance {InstanceId} failed; destroy it to clean up")]
    public static partial void RollbackFailed(ILogger logger, string providerId, Guid instanceId, Exception exception);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Libvirt provider {ProviderId} destroyed instance {InstanceId}")]
    public static partial void Destroyed(ILogger logger, string providerId, Guid instanceId);

    [LoggerMessage(EventId = 8, Level = LogLevel.Debug, Message = "Libvirt: addresses of instance {InstanceId} are unknown: {Reason}")]
    public static partial void AddressesUnknown(ILogger logger, Guid instanceId, string reason);

    [LoggerMessage(EventId = 9, Level = LogLevel.Debug, Message = "Libvirt: refreshing pool {Pool} failed: {Reason}")]
    public static partial void RefreshFailed(ILogger logger, string pool, string reason);
}
