using Microsoft.Extensions.Logging;

namespace CloudBroker.Drivers.Mock;

internal static partial class MockLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Mock provider {ProviderId} opened {Path}")]
    public static partial void Opened(ILogger logger, string providerId, string path);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "Mock provider {ProviderId} injects {Fault} into {Verb} call {Call}")]
    public static partial void FaultInjected(ILogger logger, string providerId, string fault, MockVerb verb, long call);
}
