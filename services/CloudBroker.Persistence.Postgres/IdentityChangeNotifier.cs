using CloudBroker.Identity.Authentication;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CloudBroker.Persistence.Postgres;

/// <summary>
/// Clears this process's key cache and sends <c>NOTIFY cloudbroker_identity</c>, which every API process's
/// <see cref="NotificationHub"/> hears. Sent after the change committed, outside its transaction. If the
/// notification is lost, other processes still stop accepting the key within the cache lifetime (10 s).
/// </summary>
internal sealed partial class IdentityChangeNotifier(NpgsqlDataSource dataSource, ApiKeyCache cache, ILogger<IdentityChangeNotifier> logger) : IIdentityChanges
{
    public async Task AnnounceAsync(CancellationToken cancellationToken)
    {
        cache.Clear();
        try
        {
            await using var notify = dataSource.CreateCommand($"NOTIFY {NotificationChannels.Identity}");
            await notify.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            LogNotifyFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Announcing an identity change failed; other API processes drop cached keys within 10 s")]
    private static partial void LogNotifyFailed(ILogger logger, Exception exception);
}
