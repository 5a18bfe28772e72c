using CloudBroker.Persistence.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CloudBroker.Persistence.Postgres;

/// <summary>
/// Wakes this process's dispatcher when an API process committed outbox rows (its
/// <see cref="OutboxNotificationSender"/> sends <c>NOTIFY cloudbroker_outbox</c>); this keeps one connection
/// listening. Without it a worker would only see rows written by API processes at its next poll. A lost
/// connection is reopened; polling covers the gap.
/// </summary>
internal sealed partial class OutboxNotificationListener(
    [FromKeyedServices(PostgresServiceCollectionExtensions.ListenerSource)] NpgsqlDataSource dataSource,
    OutboxSignal signal,
    ILogger<OutboxNotificationListener> logger) : BackgroundService
{
    public const string Channel = "cloudbroker_outbox";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => signal.Notify();
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                signal.Notify(); // Rows may have been committed while no one listened.
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or System.IO.IOException or InvalidOperationException)
            {
                LogListenFailed(logger, ex);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for outbox notifications failed; retrying in 1 s (the dispatcher polls meanwhile)")]
    private static partial void LogListenFailed(ILogger logger, Exception exception);
}
