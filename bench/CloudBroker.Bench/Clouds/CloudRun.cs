namespace CloudBroker.Bench.Clouds;

/// <summary>
/// One clouds run: <see cref="Instances"/> creates against a fake whose create bucket holds <see cref="Burst"/> and
/// refills at <see cref="RefillPerSecond"/>, timed from the first POST until the fake runs the last machine.
/// </summary>
internal sealed record CloudRun(
    string Driver,
    string Limit,
    int Round,
    int Instances,
    int Burst,
    double RefillPerSecond,
    TimeSpan ReadyAfter,
    TimeSpan Elapsed,
    TimeSpan AcceptedIn,
    long ThrottledAtProvider,
    int ThrottledSteps,
    int RefusedPosts,
    int FailedOperations,
    int NotRunning)
{
    /// <summary>The bucket's theoretical minimum: the burst at once, the rest at the refill rate, then the last one's boot.</summary>
    public TimeSpan TheoreticalMinimum => TimeSpan.FromSeconds(Math.Max(0, Instances - Burst) / RefillPerSecond) + ReadyAfter;

    public double Ratio => Elapsed / TheoreticalMinimum;

    /// <summary>Throttling a user saw: refused POSTs and operations that failed (the broker's own retries are not errors).</summary>
    public int UserVisibleErrors => RefusedPosts + FailedOperations;
}
