using System.Diagnostics;
using CloudBroker.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;

namespace CloudBroker.Api.Tests.Telemetry;

/// <summary>
/// The API with every span collected in memory (the exporter added to the host's own tracer provider, so what is
/// collected is what an operator's collector would get), every log line with the trace and span it was written in,
/// and the Prometheus page at <c>/metrics</c>.
/// </summary>
public class TelemetryFactory : ApiFactory
{
    /// <summary>A mock cloud whose machines take seconds to boot: its creates wait on timer rows long enough to restart meanwhile.</summary>
    public const string SlowProvider = "slow";

    /// <summary>
    /// How long a check waits in its timer row in the processes of a restart: long enough that the first process stops
    /// while the row waits (with the usual 50 ms a check is always in flight, and the bus of a stopping process drops it).
    /// </summary>
    private static readonly TimeSpan s_restartPollInterval = TimeSpan.FromSeconds(5);

    private readonly List<Activity> _spans = [];
    private readonly bool _restarts;

    public TelemetryFactory()
    {
    }

    protected TelemetryFactory(string dataDirectory, bool deleteOnDispose)
        : base(dataDirectory, deleteOnDispose)
    {
        _restarts = true;
    }

    /// <summary>A factory on a given data folder, to stop one process and start the next on the same database.</summary>
    public static TelemetryFactory On(string dataDirectory, bool deleteOnDispose) => new(dataDirectory, deleteOnDispose);

    public TraceLogLines Logs { get; } = new();

    /// <summary>The spans exported so far (every span of the process: select by trace id).</summary>
    public IReadOnlyList<Activity> Spans
    {
        get
        {
            lock (_spans)
            {
                return [.. _spans];
            }
        }
    }

    protected override void AddSettings(Dictionary<string, string?> settings)
    {
        settings["CloudBroker:Telemetry:Prometheus:Enabled"] = "true";
        settings["Logging:LogLevel:CloudBroker.Provisioning"] = "Warning";
        AddMockProvider(settings, SlowProvider);
        settings[$"CloudBroker:Providers:{SlowProvider}:BootDelay"] = "00:00:04";
        if (_restarts)
        {
            settings["CloudBroker:Provisioning:PollInterval"] = s_restartPollInterval.ToString();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(new CollectingProcessor(_spans)));
            services.AddSingleton<ILoggerProvider>(Logs);
        });
    }

    /// <summary>Keeps each span as it ends (the in-memory exporter's list, but read under a lock while spans still end).</summary>
    private sealed class CollectingProcessor(List<Activity> spans) : OpenTelemetry.BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data)
        {
            lock (spans)
            {
                spans.Add(data);
            }
        }
    }
}
