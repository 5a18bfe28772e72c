namespace CloudBroker.Provisioning.Workflow;

/// <summary>Exponential backoff with jitter, never shorter than what the provider asked for.</summary>
internal static class RetryDelay
{
    public static TimeSpan For(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, TimeSpan? providerAsked)
    {
        var exponential = baseDelay * Math.Pow(2, Math.Min(attempt - 1, 20));
        var capped = exponential < maxDelay ? exponential : maxDelay;
        // ±20% jitter spreads retries of many operations that failed together.
        var jittered = capped * (0.8 + (Random.Shared.NextDouble() * 0.4));
        return providerAsked is { } asked && asked > jittered ? asked : jittered;
    }
}
