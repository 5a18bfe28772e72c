namespace CloudBroker.Drivers.Mock;

/// <summary>
/// Faults injected into one verb, bound from <c>Faults:&lt;Verb&gt;</c>. Every call of the verb rolls
/// fresh dice from (seed, verb, call number), in the order of the properties below; rates are 0..1.
/// </summary>
public sealed class MockFaultOptions
{
    /// <summary>Chance that a call throws <see cref="DriverErrorKind.Unavailable"/> before doing anything.</summary>
    public double FailureRate { get; set; }

    /// <summary>Chance that a call throws <see cref="DriverErrorKind.Throttled"/> before doing anything.</summary>
    public double ThrottleRate { get; set; }

    /// <summary>The <see cref="DriverException.RetryAfter"/> a throttled call carries (default 1 s).</summary>
    public TimeSpan ThrottleRetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Create only: chance that the machine is made and then <see cref="DriverErrorKind.Timeout"/> is thrown,
    /// the ambiguous outcome a retry with the same idempotency token must resolve. A retry that finds the
    /// machine already made answers normally.
    /// </summary>
    public double FailAfterCreateRate { get; set; }

    /// <summary>Create only: chance that the machine stays pending for ever.</summary>
    public double StuckPendingRate { get; set; }

    internal bool IsArmed => FailureRate > 0 || ThrottleRate > 0 || FailAfterCreateRate > 0 || StuckPendingRate > 0;
}
