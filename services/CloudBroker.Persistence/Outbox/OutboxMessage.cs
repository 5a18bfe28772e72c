namespace CloudBroker.Persistence.Outbox;

/// <summary>
/// A message written in the same transaction as the state change that causes it. A row with a
/// future <see cref="NotBefore"/> is a timer (retry, backoff, "check again").
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>The contract's type name (namespace-qualified, resolved only among the contracts).</summary>
    public required string MessageType { get; set; }

    public required string Body { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime NotBefore { get; set; }

    public DateTime? SentAt { get; set; }

    /// <summary>
    /// The W3C <c>traceparent</c> of the work that wrote the row (<see cref="OutboxTelemetry"/>): its publish, and all
    /// that follows, continue that trace across the database, a timer's wait and a restart. Null: written outside any trace.
    /// </summary>
    public string? TraceParent { get; set; }

    /// <summary>The W3C <c>tracestate</c> that came with <see cref="TraceParent"/>, if any.</summary>
    public string? TraceState { get; set; }

    /// <summary>Until when a dispatcher holds the row while it publishes it; another dispatcher skips it until then.</summary>
    public DateTime? LockedUntil { get; set; }
}
