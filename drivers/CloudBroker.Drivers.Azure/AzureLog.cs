using Microsoft.Extensions.Logging;

namespace CloudBroker.Drivers.Azure;

internal static partial class AzureLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Azure provider {ProviderId} accepted VM {VmName} in {RealmId}")]
    public static partial void Accepted(ILogger logger, string providerId, string vmName, string realmId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Azure provider {ProviderId}: {Action} of VM {VmName} accepted")]
    public static partial void ActionAccepted(ILogger logger, string providerId, string action, string vmName);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Azure provider {ProviderId} throttled {What}; retry after {RetryAfter}")]
    public static partial void Throttled(ILogger logger, string providerId, string what, TimeSpan? retryAfter);
}
