namespace CloudBroker.Hosting;

/// <summary><c>CloudBroker:Telemetry:Prometheus</c>.</summary>
public sealed class PrometheusSettings
{
    public const string Path = "/metrics";

    /// <summary>Serve the metrics for scraping at <c>/metrics</c> on the host's port (unauthenticated, like the health probes). Default: off.</summary>
    public bool Enabled { get; set; }
}
