namespace CloudBroker.Hosting;

/// <summary>
/// The embedded defaults, as the lowest-priority configuration source: the port, and the providers a
/// fresh checkout gets (a mock cloud and libvirt's test host). Every later source (appsettings, environment, command line) overrides them.
/// </summary>
public static class BrokerDefaults
{
    public const string Urls = "http://127.0.0.1:5080";

    /// <summary>The worker host listens only for health probes, on the next port.</summary>
    public const string WorkerUrls = "http://127.0.0.1:5081";

    /// <summary>The defaults of one host: the embedded values, with the worker host's own roles and port.</summary>
    public static IReadOnlyDictionary<string, string?> For(BrokerHost host) => host == BrokerHost.Worker
        ? new Dictionary<string, string?>(Values) { ["urls"] = WorkerUrls, ["CloudBroker:Roles"] = "worker" }
        : Values;

    public static IReadOnlyDictionary<string, string?> Values { get; } = new Dictionary<string, string?>
    {
        ["urls"] = Urls,
        ["CloudBroker:Providers:mock:Driver"] = "mock",

        // libvirt's built-in test host: in-process and ephemeral (its machines live as long as the process).
        ["CloudBroker:Providers:libvirt:Driver"] = "libvirt",
        ["CloudBroker:Providers:libvirt:Uris:0"] = "test:///default",
        ["CloudBroker:Providers:libvirt:StoragePool"] = "default-pool",
        ["CloudBroker:Providers:libvirt:Images:blank:Name"] = "Empty disk",
        ["CloudBroker:Providers:libvirt:Images:blank:Description"] = "An empty disk (libvirt's test host has no image volumes)",

        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        ["Logging:LogLevel:MassTransit"] = "Warning",

        // A start that fails is told once, as a refusal (StartRefusal); the host's own "Hosting failed to start" would repeat it
        // as an error with its stack trace. What else the host logs that matters (a background service that died) is critical.
        ["Logging:LogLevel:Microsoft.Extensions.Hosting.Internal.Host"] = "Critical",

        // Each console line carries the trace and span it was written in (BrokerTelemetry), so a log leads to its trace.
        ["Logging:Console:FormatterOptions:IncludeScopes"] = "true",

        // ASP.NET Core's handler base logs two lines per refused key under our category; throttled addresses get one line a minute instead.
        ["Logging:LogLevel:CloudBroker.Identity.Authentication.ApiKeyAuthenticationHandler"] = "Warning",
    };
}
