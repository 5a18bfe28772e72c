using CloudBroker.Secrets;

namespace CloudBroker.Hosting;

/// <summary>
/// How a start that cannot go on ends: one line on standard error, <c>CloudBroker cannot start: …</c>, and exit code 1,
/// never a crash. What an operator must fix — a setting that cannot work, a data or key file others may read, a malformed
/// key file, a schema behind this version — is told by its message alone; anything else is a fault, told with the exception.
/// </summary>
public static class StartRefusal
{
    public const int ExitCode = 1;

    public const string Prefix = "CloudBroker cannot start: ";

    public static async Task<int> ReportAsync(Exception exception)
    {
        var forOperator = exception is BrokerConfigurationException or UnsafeFileException or SecretKeyException or SchemaBehindException;
        await Console.Error.WriteLineAsync(Prefix + (forOperator ? exception.Message : exception.ToString()));
        return ExitCode;
    }
}
