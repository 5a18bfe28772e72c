using CloudBroker.Persistence;

namespace CloudBroker.Identity.Authentication;

/// <summary>One process (SQLite): its own cache is all there is to clear.</summary>
public sealed class LocalIdentityChanges(ApiKeyCache cache) : IIdentityChanges
{
    public Task AnnounceAsync(BrokerDbContext writer, CancellationToken cancellationToken)
    {
        cache.Clear();
        return Task.CompletedTask;
    }
}
