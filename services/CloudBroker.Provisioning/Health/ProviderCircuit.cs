namespace CloudBroker.Provisioning.Health;

/// <summary>
/// A provider's circuit breaker, one row per provider (<c>provider_circuits</c>) that every process folds its calls'
/// outcomes into, so all of them refuse and reopen together, and placement has one place to ask.
/// </summary>
public sealed class ProviderCircuit
{
    public required string ProviderId { get; init; }

    /// <summary>As stored: <see cref="CircuitState.Closed"/> or <see cref="CircuitState.Open"/> (half-open is open past its time).</summary>
    public CircuitState State { get; set; }

    /// <summary>Unreachable calls in a row, the first of them at <see cref="FailingSince"/>.</summary>
    public int Failures { get; set; }

    public DateTime? FailingSince { get; set; }

    /// <summary>When the circuit last opened.</summary>
    public DateTime? OpenedAt { get; set; }

    /// <summary>When the provider last answered a call.</summary>
    public DateTime? AnsweredAt { get; set; }

    /// <summary>The last unreachable call and what the driver said, for admins (it may quote the provider).</summary>
    public string? Reason { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency token: two processes folding at once, one re-reads and folds again.</summary>
    public int Version { get; set; }
}
