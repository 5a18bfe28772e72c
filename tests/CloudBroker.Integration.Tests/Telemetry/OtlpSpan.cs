namespace CloudBroker.Integration.Tests.Telemetry;

/// <summary>One span as an OTLP exporter sent it: which process (<c>service.name</c>) and library made it, and its place in its trace.</summary>
/// <param name="Kind">OTLP's span kind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer.</param>
internal sealed record OtlpSpan(string Service, string Scope, string TraceId, string SpanId, string ParentSpanId, string Name, int Kind, IReadOnlyDictionary<string, string> Attributes);
