using CloudBroker.Persistence;

namespace CloudBroker.Provisioning.Providers;

/// <summary>One process (SQLite): the writer re-opened the provider itself; nobody else needs telling.</summary>
internal sealed class LocalProviderChanges : IProviderChanges
{
    public Task AnnounceAsync(BrokerDbContext writer, CancellationToken cancellationToken) => Task.CompletedTask;
}
