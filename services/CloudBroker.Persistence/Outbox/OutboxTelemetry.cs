using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CloudBroker.Persistence.Outbox;

/// <summary>
/// The trace an outbox row belongs to: captured from the current span when the row is written, restored as the parent
/// of the row's publish span, so one trace runs from the HTTP request through the database hop, a timer row's wait and a
/// process restart, to the bus (MassTransit carries it on in the message headers) and the consumer. Also the outbox's
/// metrics: how late rows are published, and how many wait.
/// </summary>
public static class OutboxTelemetry
{
    public const string Name = "CloudBroker.Outbox";

    /// <summary><c>00-</c> 32 hex <c>-</c> 16 hex <c>-</c> 2 hex.</summary>
    public const int MaxTraceParentLength = 55;

    /// <summary>W3C allows 32 list members; a longer state is dropped rather than cut (a cut one would be invalid).</summary>
    public const int MaxTraceStateLength = 512;

    private static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Histogram<double> Lag = Meter.CreateHistogram(
        "cloudbroker.outbox.lag", "s", "How long after its time each outbox row was published",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] });

    private static long _backlog;

    static OutboxTelemetry() =>
        Meter.CreateObservableGauge("cloudbroker.outbox.backlog", () => Volatile.Read(ref _backlog), "{message}",
            "Outbox rows whose time has come and that are not yet published, as the dispatcher last counted them");

    /// <summary>Stores the current span's context on the row (none outside a trace).</summary>
    internal static void Capture(OutboxMessage row)
    {
        if (Activity.Current is not { IdFormat: ActivityIdFormat.W3C } current)
        {
            return;
        }

        row.TraceParent = current.Id;
        row.TraceState = current.TraceStateString is { Length: <= MaxTraceStateLength } state ? state : null;
    }

    /// <summary>Opens the publish span of a row, a child of the span that wrote it; the bus's send span is its child.</summary>
    internal static Activity? StartPublish(OutboxMessage row)
    {
        ActivityContext.TryParse(row.TraceParent, row.TraceState, isRemote: true, out var parent);
        var span = Source.StartActivity("outbox publish", ActivityKind.Producer, parent);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("messaging.system", "cloudbroker-outbox");
            span.SetTag("messaging.operation.type", "send");
            span.SetTag("cloudbroker.outbox.row", row.Id);
            span.SetTag("cloudbroker.outbox.message_type", row.MessageType);
        }

        return span;
    }

    internal static void Published(OutboxMessage row, DateTime at) => Lag.Record(Math.Max(0, (at - row.NotBefore).TotalSeconds));

    internal static void Counted(long backlog) => Volatile.Write(ref _backlog, backlog);
}
