using CloudBroker.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace CloudBroker.Api.Tests.Providers;

/// <summary>
/// The API for tests of providers defined through the API: a short provider test timeout, loopback (where the cloud
/// fakes listen) on the endpoint allow-list, every log line captured
/// (<see cref="Logs"/>, all levels, whatever the console shows), and extra settings (a key file, previous keys) for tests that restart on one folder.
/// </summary>
public sealed class StoredProvidersFactory : ApiFactory
{
    private readonly IReadOnlyDictionary<string, string?> _extra;

    public StoredProvidersFactory()
        : this(NewDataDirectory(), new Dictionary<string, string?>(), deleteOnDispose: true)
    {
    }

    private StoredProvidersFactory(string dataDirectory, IReadOnlyDictionary<string, string?> extra, bool deleteOnDispose)
        : base(dataDirectory, deleteOnDispose) => _extra = extra;

    public CapturedLogs Logs { get; } = new();

    /// <summary>A factory on <paramref name="dataDirectory"/> that keeps it on dispose (the test deletes it with <see cref="ApiFactory.DeleteData"/>).</summary>
    public static StoredProvidersFactory On(string dataDirectory, IReadOnlyDictionary<string, string?>? extra = null) =>
        new(dataDirectory, extra ?? new Dictionary<string, string?>(), deleteOnDispose: false);

    protected override void AddSettings(Dictionary<string, string?> settings)
    {
        settings["CloudBroker:ProviderStore:TestTimeout"] = "00:00:02";

        // The EC2 and Azure fakes listen on loopback, which the endpoint policy refuses unless the operator names it.
        settings["CloudBroker:ProviderEndpoints:Allow:0"] = "*";
        settings["CloudBroker:ProviderEndpoints:Allow:1"] = "127.0.0.1";
        foreach (var (key, value) in _extra)
        {
            settings[key] = value;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Every level reaches the capture (the console keeps the fixture's quieter levels).
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<CapturedLogs>(null, LogLevel.Trace));
    }
}
