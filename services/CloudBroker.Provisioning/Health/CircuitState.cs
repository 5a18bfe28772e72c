namespace CloudBroker.Provisioning.Health;

/// <summary>Where a provider's circuit breaker is.</summary>
public enum CircuitState
{
    /// <summary>Calls go through; unreachable ones are counted.</summary>
    Closed,

    /// <summary>The provider did not answer repeatedly: calls are refused at once until a probe may try again.</summary>
    Open,

    /// <summary>Open long enough: the next probe decides (an answer closes it, a failure opens it again).</summary>
    HalfOpen,
}
