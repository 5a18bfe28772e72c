using CloudBroker.Identity.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CloudBroker.Persistence.Postgres;

/// <summary>
/// Clears this process's key cache and sends <c>NOTIFY cloudbroker_identity</c>, which every API process's
/// <see cref="NotificationHub"/> hears (this one's too, so its cache is cleared again once the change is visible). It
/// goes on the writer's connection: PostgreSQL delivers a notification when the transaction it was sent in commits. If
/// the notification is lost, other processes still stop accepting the key within the cache lifetime (10 s).
/// </summary>
internal sealed partial class IdentityChangeNotifier(ApiKeyCache cache, ILogger<IdentityChangeNotifier> logger) : IIdentityChanges
{
    public async Task AnnounceAsync(BrokerDbContext writer, CancellationToken cancellationToken)
    {
        cache.Clear();
        try
        {
            await writer.Database.ExecuteSqlRawAsync("NOTIFY " + NotificationChannels.Identity, cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            LogNotifyFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Announcing an identity change failed; other API processes drop cached keys within 10 s")]
    private static partial void LogNotifyFailed(ILogger logger, Exception exception);
}
