using CloudBroker.Accounting.Metering;
using CloudBroker.Identity.Authentication;
using CloudBroker.Persistence.Background;
using CloudBroker.Persistence.Outbox;
using CloudBroker.Persistence.Transient;
using CloudBroker.Provisioning.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace CloudBroker.Persistence.Postgres;

public static class PostgresServiceCollectionExtensions
{
    public const string MigrationsAssembly = "CloudBroker.Persistence.Postgres";

    /// <summary>
    /// The key of the <see cref="NpgsqlDataSource"/> of the process's <see cref="NotificationHub"/>: <c>LISTEN</c> holds
    /// its connection for the process's life and needs a session of its own (never one of PgBouncer's transaction-mode
    /// connections), so it has a pool (of one) and a connection string of its own, apart from the one requests and
    /// workers draw from.
    /// </summary>
    public const string ListenerSource = "cloudbroker-listeners";

    /// <summary>
    /// Registers the one <see cref="BrokerDbContext"/> on PostgreSQL: one data source (connection pool) per
    /// process for all work, one for the notification hub's connection (<paramref name="listenConnectionString"/>, default
    /// the same server), the <c>FOR UPDATE SKIP LOCKED</c> outbox claim, PostgreSQL's transient errors and the
    /// history read in commit-safe order (the transaction id on every history row, <see cref="CommittedHistoryFeed"/>).
    /// </summary>
    public static IServiceCollection AddBrokerPostgres(this IServiceCollection services, string connectionString, string? listenConnectionString = null)
    {
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        services.AddKeyedSingleton(ListenerSource, (_, _) =>
            new NpgsqlDataSourceBuilder(PostgresConnectionStrings.ForListeners(listenConnectionString ?? connectionString)).Build());
        services.AddSingleton<IOutboxClaim, SkipLockedOutboxClaim>();
        services.AddSingleton<TransientDatabaseErrors, PostgresTransientErrors>();
        services.AddSingleton<IEntityContributor, HistoryTransactionColumn>();
        services.AddSingleton<IHistoryFeed, CommittedHistoryFeed>();
        return services.AddBrokerDbContext((options, sp) => options.UseNpgsql(
            sp.GetRequiredService<NpgsqlDataSource>(),
            npgsql => npgsql.MigrationsAssembly(MigrationsAssembly)));
    }

    /// <summary>Wakes this process's dispatcher when API processes commit outbox rows, for processes that run the dispatcher.</summary>
    public static IServiceCollection AddPostgresOutboxListener(this IServiceCollection services) =>
        services.AddNotificationSubscription(NotificationChannels.Outbox, sp => sp.GetRequiredKeyedService<WakeSignal>(typeof(OutboxMessage)).Notify);

    /// <summary>API processes: key revocations and user changes reach every API process's key cache at once.</summary>
    public static IServiceCollection AddPostgresIdentityChanges(this IServiceCollection services)
    {
        services.AddSingleton<IIdentityChanges, IdentityChangeNotifier>();
        return services.AddNotificationSubscription(NotificationChannels.Identity, sp => sp.GetRequiredService<ApiKeyCache>().Clear);
    }

    /// <summary>Every process: a provider created, changed or deleted through one API process is re-opened in every process at once.</summary>
    public static IServiceCollection AddPostgresProviderChanges(this IServiceCollection services)
    {
        services.AddSingleton<IProviderChanges, ProviderChangeNotifier>();
        return services.AddNotificationSubscription(NotificationChannels.Providers, sp => sp.GetRequiredKeyedService<WakeSignal>(typeof(ProviderRecord)).Notify);
    }

    /// <summary>Notifies the dispatchers of other processes after outbox rows were committed, for processes without one.</summary>
    public static IServiceCollection AddPostgresOutboxSender(this IServiceCollection services)
    {
        services.AddHostedService<OutboxNotificationSender>();
        return services;
    }

    /// <summary>A channel for the process's one <see cref="NotificationHub"/> (registered with its first channel).</summary>
    private static IServiceCollection AddNotificationSubscription(this IServiceCollection services, string channel, Func<IServiceProvider, Action> lookAgain)
    {
        services.AddSingleton(sp => new NotificationSubscription(channel, lookAgain(sp)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, NotificationHub>());
        return services;
    }
}
