using CloudBroker.Persistence;

namespace CloudBroker.Identity.Authentication;

/// <summary>
/// Announces that keys were revoked or users changed (roles, groups, disabled), so every API process drops
/// what its <see cref="ApiKeyCache"/> holds at once instead of within the cache's lifetime.
/// </summary>
public interface IIdentityChanges
{
    /// <summary>
    /// Announces the change <paramref name="writer"/> saved, on its connection: inside its transaction when it has one
    /// (a request with an <c>Idempotency-Key</c>), so other processes hear of it when it commits, never before (they
    /// would re-read what it replaces and trust it until the cache's lifetime ends).
    /// </summary>
    Task AnnounceAsync(BrokerDbContext writer, CancellationToken cancellationToken);
}
