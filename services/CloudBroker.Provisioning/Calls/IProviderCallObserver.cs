namespace CloudBroker.Provisioning.Calls;

/// <summary>
/// Hears the outcome of every call the broker makes to a provider (every <see cref="GatedDriver"/> reports to every
/// registered observer). <see cref="RecentProviderCalls"/> keeps them in this process; provider health builds on them,
/// and an observer that persists or shares them is another registration. <see cref="Observe"/> runs on the caller's
/// path, after the call: it must be quick and must not throw.
/// </summary>
public interface IProviderCallObserver
{
    void Observe(ProviderCallOutcome outcome);
}
