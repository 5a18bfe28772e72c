using CloudBroker.Identity.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CloudBroker.Persistence.Postgres;

/// <summary>
/// Keeps one connection listening on <c>cloudbroker_identity</c> and clears the key cache on every
/// notification, so a key revoked through another API process stops working here at once.
/// </summary>
internal sealed partial class IdentityChangeListener([FromKeyedServices(PostgresServiceCollectionExtensions.ListenerSource)] NpgsqlDataSource dataSource, ApiKeyCache cache, ILogger<IdentityChangeListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => cache.Clear();
                await using (var listen = new NpgsqlCommand($"LISTEN {IdentityChangeNotifier.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                cache.Clear(); // Changes may have been announced while no one listened.
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for identity changes failed; retrying in 1 s (cached keys expire within 10 s meanwhile)")]
    private static partial void LogListenFailed(ILogger logger, Exception exception);
}
