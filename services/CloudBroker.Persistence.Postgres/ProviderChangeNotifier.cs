using CloudBroker.Provisioning.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CloudBroker.Persistence.Postgres;

/// <summary>
/// Sends <c>NOTIFY cloudbroker_providers</c> after a provider defined through the API changed, which every process's
/// <see cref="NotificationHub"/> hears. It goes on the writer's connection: PostgreSQL delivers a notification when
/// the transaction it was sent in commits, so no process looks before the change is there. If the notification is
/// lost, the others still notice at their next check.
/// </summary>
internal sealed partial class ProviderChangeNotifier(ILogger<ProviderChangeNotifier> logger) : IProviderChanges
{
    public async Task AnnounceAsync(BrokerDbContext writer, CancellationToken cancellationToken)
    {
        try
        {
            await writer.Database.ExecuteSqlRawAsync("NOTIFY " + NotificationChannels.Providers, cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            LogNotifyFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Announcing a provider change failed; other processes notice it at their next check")]
    private static partial void LogNotifyFailed(ILogger logger, Exception exception);
}
