namespace CloudBroker.Drivers.Mock;

/// <summary>
/// Fault dice: each value is a hash of (seed, verb, call number, fault), so a run is repeatable
/// and two processes sharing the file draw from one sequence (the call number lives in the file).
/// </summary>
internal sealed class MockFaults(long seed, MockFaultsOptions options)
{
    public bool IsArmed(MockVerb verb) => options.For(verb).IsArmed;

    public TimeSpan RetryAfter(MockVerb verb) => options.For(verb).ThrottleRetryAfter;

    public MockFaultRoll Roll(MockVerb verb, long call)
    {
        var knobs = options.For(verb);
        return new MockFaultRoll(
            call,
            Fail: Hits(verb, call, nameof(knobs.FailureRate), knobs.FailureRate),
            Throttle: Hits(verb, call, nameof(knobs.ThrottleRate), knobs.ThrottleRate),
            FailAfterCreate: Hits(verb, call, nameof(knobs.FailAfterCreateRate), knobs.FailAfterCreateRate),
            StuckPending: Hits(verb, call, nameof(knobs.StuckPendingRate), knobs.StuckPendingRate));
    }

    /// <summary>The counter that numbers a verb's calls, in the counters table.</summary>
    public static string CounterName(MockVerb verb) => $"calls:{verb}";

    // Dice in [0, 1): a rate of 1 always hits, 0 never does.
    private bool Hits(MockVerb verb, long call, string fault, double rate) =>
        rate > 0 && MockHash.Unit(MockHash.Of("fault", seed.ToString(), verb.ToString(), call.ToString(), fault)) < rate;
}
