namespace CloudBroker.Hosting;

/// <summary>
/// <c>CloudBroker:Telemetry</c>. Traces, metrics and logs are always recorded in the process (logs carry trace and span
/// ids either way); they leave it only as configured: OTLP to a collector, and a Prometheus scrape page. Both off by default.
/// </summary>
public sealed class TelemetrySettings
{
    /// <summary>The <c>service.name</c> every signal carries; default <c>cloudbroker-api</c> or <c>cloudbroker-worker</c> by host.</summary>
    public string? ServiceName { get; set; }

    public OtlpSettings Otlp { get; set; } = new();

    public PrometheusSettings Prometheus { get; set; } = new();
}
