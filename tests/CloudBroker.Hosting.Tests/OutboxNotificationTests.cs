using System.Diagnostics;
using CloudBroker.Persistence.Background;
using CloudBroker.Persistence.Outbox;
using CloudBroker.Persistence.Postgres;
using CloudBroker.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace CloudBroker.Hosting.Tests;

/// <summary>
/// On PostgreSQL an API process has no dispatcher: after it commits outbox rows it notifies, and a worker's
/// dispatcher wakes at once instead of at its next poll.
/// </summary>
public sealed class OutboxNotificationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_commit_in_an_api_process_wakes_a_worker_dispatcher_at_once()
    {
        await using var database = await ScratchPostgresDatabase.CreateAsync("cb_host", Ct);
        await using var api = Process(database.ConnectionString, s => s.AddPostgresOutboxSender());
        await using var worker = Process(database.ConnectionString, s => s.AddPostgresOutboxListener());
        await api.StartHostedAsync(Ct);
        await worker.StartHostedAsync(Ct);
        var wakeUps = worker.GetRequiredKeyedService<WakeSignal>(typeof(OutboxMessage));
        await wakeUps.WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System, Ct); // the listener's own wake-up once it listens

        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            api.GetRequiredKeyedService<WakeSignal>(typeof(OutboxMessage)).Notify(); // what the API's save of outbox rows does
            await wakeUps.WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System, Ct);
            Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(3)); // the fallback poll would be 10 s here
        }

        await api.StopHostedAsync(Ct);
        await worker.StopHostedAsync(Ct);
    }

    private static ServiceProvider Process(string connectionString, Action<IServiceCollection> role)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddBrokerPostgres(connectionString);
        role(services);
        return services.BuildServiceProvider();
    }
}
