using CloudBroker.Drivers.Libvirt;
using CloudBroker.Persistence.Outbox;
using CloudBroker.Provisioning.Telemetry;
using CloudBroker.Quotas;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CloudBroker.Hosting;

/// <summary>
/// The one place both hosts get their OpenTelemetry from (eShop's ServiceDefaults keeps it the same way): every span
/// source and meter the broker and its libraries have, the HTTP server and client (the EC2 and Azure SDKs call through
/// <see cref="HttpClient"/>), the libvirt driver's calls into libvirt.so.0, MassTransit and Npgsql; logs with the trace and span they were written in; and the exports
/// <see cref="TelemetrySettings"/> turns on.
/// </summary>
public static class BrokerTelemetry
{
    /// <summary>The sources and meters of the broker itself.</summary>
    public static readonly IReadOnlyList<string> Sources = [ProvisioningTelemetry.Name, OutboxTelemetry.Name, QuotaTelemetry.Name];

    /// <summary>Span sources of the drivers: the libvirt driver's calls into <c>libvirt.so.0</c> (the cloud SDKs' are HTTP client spans).</summary>
    public static readonly IReadOnlyList<string> DriverSources = [LibvirtTelemetry.Name];

    /// <summary>The bus's queue depth (<see cref="RabbitMqQueueDepth"/>).</summary>
    internal const string BusMeter = "CloudBroker.Bus";

    /// <summary>MassTransit's own source and meter (its <c>DiagnosticHeaders.DefaultListenerName</c>).</summary>
    private const string MassTransit = "MassTransit";

    private static readonly string[] Unobserved = ["/healthz", "/readyz", PrometheusSettings.Path];

    internal static IHostApplicationBuilder AddBrokerTelemetry(this IHostApplicationBuilder builder, TelemetrySettings settings, BrokerHost host, BusSettings? bus)
    {
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        builder.Logging.AddOpenTelemetry(o =>
        {
            o.IncludeFormattedMessage = true;
            o.IncludeScopes = true;
        });

        builder.Services.AddSingleton<ProviderStatusMetrics>();
        if (bus is { IsRabbitMq: true })
        {
            builder.Services.AddSingleton(sp => new RabbitMqQueueDepth(bus.RabbitMq, sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), sp.GetRequiredService<TimeProvider>()));
        }

        var otlp = settings.Otlp;
        if (otlp.Protocol is not (OtlpSettings.Grpc or OtlpSettings.HttpProtobuf))
        {
            throw new BrokerConfigurationException($"CloudBroker__Telemetry__Otlp__Protocol={otlp.Protocol}: use '{OtlpSettings.Grpc}' or '{OtlpSettings.HttpProtobuf}'.");
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(settings.ServiceName ?? (host == BrokerHost.Worker ? "cloudbroker-worker" : "cloudbroker-api")))
            .WithTracing(tracing => tracing
                .AddSource([.. Sources, .. DriverSources, MassTransit])
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !Unobserved.Contains(context.Request.Path.Value, StringComparer.Ordinal))
                .AddHttpClientInstrumentation()
                .AddNpgsql())
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter([.. Sources, MassTransit])

                    // MassTransit's durations are histograms in milliseconds; the conventions (and Prometheus) want
                    // seconds. Left out: the provider call and provisioning histograms time the work in seconds.
                    .AddView(instrument => instrument.Meter.Name == MassTransit && instrument.Unit == "ms" ? MetricStreamConfiguration.Drop : null)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddNpgsqlInstrumentation()
                    .AddInstrumentation(services => services.GetRequiredService<ProviderStatusMetrics>());
                if (bus is { IsRabbitMq: true })
                {
                    metrics.AddMeter(BusMeter).AddInstrumentation(services => services.GetRequiredService<RabbitMqQueueDepth>());
                }

                if (settings.Prometheus.Enabled)
                {
                    metrics.AddPrometheusExporter();
                }
            });

        if (otlp.Enabled)
        {
            telemetry.WithTracing(t => t.AddOtlpExporter(o => Configure(o, otlp, "v1/traces")));
            telemetry.WithMetrics(m => m.AddOtlpExporter(o => Configure(o, otlp, "v1/metrics")));
            telemetry.WithLogging(l => l.AddOtlpExporter(o => Configure(o, otlp, "v1/logs")));
        }

        return builder;
    }

    /// <summary><c>/metrics</c> for Prometheus, when <see cref="PrometheusSettings.Enabled"/>; like the probes it asks for no key.</summary>
    public static IEndpointRouteBuilder MapBrokerTelemetry(this IEndpointRouteBuilder app)
    {
        var settings = app.ServiceProvider.GetRequiredService<IOptions<BrokerSettings>>().Value.Telemetry;
        if (settings.Prometheus.Enabled)
        {
            app.MapPrometheusScrapingEndpoint(PrometheusSettings.Path).AllowAnonymous().ExcludeFromDescription();
        }

        return app;
    }

    /// <summary>gRPC takes the base URL; OTLP/HTTP posts each signal to its own path under it.</summary>
    private static void Configure(OtlpExporterOptions options, OtlpSettings otlp, string signalPath)
    {
        var http = otlp.Protocol == OtlpSettings.HttpProtobuf;
        options.Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        var endpoint = otlp.Endpoint!;
        options.Endpoint = http ? new Uri(endpoint.ToString().TrimEnd('/') + "/" + signalPath) : endpoint;
        if (!string.IsNullOrWhiteSpace(otlp.Headers))
        {
            options.Headers = otlp.Headers;
        }
    }
}
