using CloudBroker.Provisioning.Providers;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CloudBroker.Persistence.Postgres;

/// <summary>
/// Sends <c>NOTIFY cloudbroker_providers</c> after a provider defined through the API changed, which every process's
/// <see cref="NotificationHub"/> hears. If the notification is lost, the others still notice at their next check.
/// </summary>
internal sealed partial class ProviderChangeNotifier(NpgsqlDataSource dataSource, ILogger<ProviderChangeNotifier> logger) : IProviderChanges
{
    public async Task AnnounceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var notify = dataSource.CreateCommand($"NOTIFY {NotificationChannels.Providers}");
            await notify.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            LogNotifyFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Announcing a provider change failed; other processes notice it at their next check")]
    private static partial void LogNotifyFailed(ILogger logger, Exception exception);
}
