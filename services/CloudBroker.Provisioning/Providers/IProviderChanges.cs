namespace CloudBroker.Provisioning.Providers;

/// <summary>
/// Tells the other processes that a provider defined through the API changed, so they re-open it now rather than
/// at their next check (<see cref="ProviderStoreOptions.PollInterval"/>). Called after the change committed.
/// </summary>
public interface IProviderChanges
{
    Task AnnounceAsync(CancellationToken cancellationToken);
}
