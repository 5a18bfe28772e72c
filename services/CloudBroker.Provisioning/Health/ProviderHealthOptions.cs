namespace CloudBroker.Provisioning.Health;

/// <summary>
/// Settings under <c>CloudBroker:ProviderHealth</c>. With the defaults a provider none of whose hosts or endpoints answer
/// is <c>unavailable</c> within a minute: three unreachable calls in a row (the probe makes one every
/// <see cref="ProbeInterval"/> when nothing else calls), each given at most <see cref="ProbeTimeout"/>.
/// </summary>
public sealed class ProviderHealthOptions
{
    /// <summary>How often each process folds its calls' outcomes into the shared circuit, and probes a provider nothing called since.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a probe (a read of the provider's realms) may take before it counts as unreachable.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Unreachable calls in a row, within <see cref="FailureWindow"/>, that open the circuit.</summary>
    public int FailureThreshold { get; set; } = 3;

    /// <summary>How long failures keep counting towards <see cref="FailureThreshold"/>; an older streak starts again.</summary>
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an open circuit refuses calls before a probe may try the provider again (half-open).</summary>
    public TimeSpan OpenFor { get; set; } = TimeSpan.FromSeconds(30);
}
