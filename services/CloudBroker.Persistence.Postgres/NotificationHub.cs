using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CloudBroker.Persistence.Postgres;

/// <summary>
/// The process's one <c>LISTEN</c> connection, for every channel its <see cref="NotificationSubscription"/>s name (the
/// outbox, identity and provider changes, as its roles need them): it hands each notification to its channel's
/// subscribers. When the connection drops it opens another a second later and tells every subscriber to look again,
/// since what was announced meanwhile is lost; until then each relies on its own schedule (the dispatcher's poll, the
/// key cache's lifetime, the provider sync's check).
/// </summary>
internal sealed partial class NotificationHub(
    [FromKeyedServices(PostgresServiceCollectionExtensions.ListenerSource)] NpgsqlDataSource dataSource,
    IEnumerable<NotificationSubscription> subscriptions,
    ILogger<NotificationHub> logger) : BackgroundService
{
    private static readonly TimeSpan ReconnectPause = TimeSpan.FromSeconds(1);
    private readonly ILookup<string, Action> _subscribers = subscriptions.ToLookup(s => s.Channel, s => s.LookAgain, StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var channels = string.Join(", ", _subscribers.Select(s => s.Key));
        var listen = string.Concat(_subscribers.Select(s => $"LISTEN {s.Key};")); // names of ours, never input
        var reconnecting = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(listen, reconnecting ? channels : null, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                reconnecting = true;
                LogListenFailed(logger, channels, ex);
                try
                {
                    await Task.Delay(ReconnectPause, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Listens until the connection fails (an exception) or the host stops; <paramref name="again"/> names the channels of a reconnection.</summary>
    private async Task ListenAsync(string listen, string? again, CancellationToken stoppingToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
        connection.Notification += (_, e) => Dispatch(_subscribers[e.Channel]);
        await using (var command = new NpgsqlCommand(listen, connection))
        {
            await command.ExecuteNonQueryAsync(stoppingToken);
        }

        if (again is not null)
        {
            LogListeningAgain(logger, again);
        }

        Dispatch(_subscribers.SelectMany(s => s)); // whatever was announced while nobody listened
        while (true)
        {
            await connection.WaitAsync(stoppingToken);
        }
    }

    private void Dispatch(IEnumerable<Action> lookAgain)
    {
        foreach (var subscriber in lookAgain)
        {
            try
            {
                subscriber();
            }
            catch (Exception ex)
            {
                // One subscriber's bug must neither drop the connection nor keep the others from hearing.
                LogSubscriberFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for notifications on {Channels} failed; reconnecting in 1 s (meanwhile the dispatcher polls, cached keys expire within 10 s, providers are checked on schedule)")]
    private static partial void LogListenFailed(ILogger logger, string channels, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for notifications on {Channels} again")]
    private static partial void LogListeningAgain(ILogger logger, string channels);

    [LoggerMessage(Level = LogLevel.Error, Message = "A notification subscriber failed")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception exception);
}
