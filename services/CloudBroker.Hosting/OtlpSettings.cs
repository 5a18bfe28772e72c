namespace CloudBroker.Hosting;

/// <summary><c>CloudBroker:Telemetry:Otlp</c>: a collector to export traces, metrics and logs to.</summary>
public sealed class OtlpSettings
{
    public const string Grpc = "grpc";
    public const string HttpProtobuf = "http/protobuf";

    /// <summary>The collector's base URL (for example <c>http://otel-collector:4317</c> for gRPC, <c>…:4318</c> for HTTP). Unset: no export.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary><c>grpc</c> (default) or <c>http/protobuf</c>.</summary>
    public string Protocol { get; set; } = Grpc;

    /// <summary>Headers sent with every export, as <c>key=value,key2=value2</c> (for example a collector's API key).</summary>
    public string? Headers { get; set; }

    public bool Enabled => Endpoint is not null;
}
