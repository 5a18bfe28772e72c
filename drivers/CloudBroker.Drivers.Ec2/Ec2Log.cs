using Microsoft.Extensions.Logging;

namespace CloudBroker.Drivers.Ec2;

internal static partial class Ec2Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "EC2 provider {ProviderId} opened for region {Region} at {Endpoint} with {CredentialSource}")]
    public static partial void Opened(ILogger logger, string providerId, string region, string endpoint, string credentialSource);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "EC2 provider {ProviderId} imported key pair {KeyName}")]
    public static partial void KeyPairImported(ILogger logger, string providerId, string keyName);
}
