using CloudBroker.Provisioning.Providers;

namespace CloudBroker.Provisioning.Health;

/// <summary>
/// A provider's health as its calls show it: <see cref="ProviderStatus.Available"/>, <see cref="ProviderStatus.Degraded"/>
/// (some calls in a row did not answer) or <see cref="ProviderStatus.Unavailable"/> (its circuit is open), with a category
/// anyone may read and the reason, for admins only.
/// </summary>
/// <param name="OpenedAt">When the circuit opened, while it is open or half-open.</param>
public sealed record ProviderHealth(ProviderStatus Status, ProviderStatusCategory? Category, string? Reason, CircuitState Circuit, DateTime? OpenedAt)
{
    /// <summary>No failure known: available.</summary>
    public static ProviderHealth Unknown { get; } = new(ProviderStatus.Available, null, null, CircuitState.Closed, null);
}
