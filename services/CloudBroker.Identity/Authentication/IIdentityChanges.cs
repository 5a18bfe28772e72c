namespace CloudBroker.Identity.Authentication;

/// <summary>
/// Announces that keys were revoked or users changed (roles, groups, disabled), so every API process drops
/// what its <see cref="ApiKeyCache"/> holds at once instead of within the cache's lifetime.
/// </summary>
public interface IIdentityChanges
{
    /// <summary>Called after the change committed.</summary>
    Task AnnounceAsync(CancellationToken cancellationToken);
}
