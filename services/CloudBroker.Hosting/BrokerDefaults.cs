namespace CloudBroker.Hosting;

/// <summary>
/// The embedded defaults, as the lowest-priority configuration source: the port, and the providers a
/// fresh checkout gets. Every later source (appsettings, environment, command line) overrides them.
/// </summary>
public static class BrokerDefaults
{
    public const string Urls = "http://127.0.0.1:5080";

    public static IReadOnlyDictionary<string, string?> Values { get; } = new Dictionary<string, string?>
    {
        ["urls"] = Urls,
        ["CloudBroker:Providers:mock:Driver"] = "mock",
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        ["Logging:LogLevel:MassTransit"] = "Warning",
    };
}
