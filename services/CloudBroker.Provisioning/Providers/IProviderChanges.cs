using CloudBroker.Persistence;

namespace CloudBroker.Provisioning.Providers;

/// <summary>
/// Tells the other processes that a provider defined through the API changed, so they re-open it now rather than
/// at their next check (<see cref="ProviderStoreOptions.PollInterval"/>).
/// </summary>
public interface IProviderChanges
{
    /// <summary>
    /// Announces the change <paramref name="writer"/> saved, on its connection: inside its transaction when it has one
    /// (a request with an <c>Idempotency-Key</c>), so the others hear of it when it commits, never before.
    /// </summary>
    Task AnnounceAsync(BrokerDbContext writer, CancellationToken cancellationToken);
}
