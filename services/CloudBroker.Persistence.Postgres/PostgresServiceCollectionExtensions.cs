using CloudBroker.Persistence.Outbox;
using CloudBroker.Persistence.Transient;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CloudBroker.Persistence.Postgres;

public static class PostgresServiceCollectionExtensions
{
    public const string MigrationsAssembly = "CloudBroker.Persistence.Postgres";

    /// <summary>
    /// The key of the listeners' <see cref="NpgsqlDataSource"/>: <c>LISTEN</c> holds its connection for the process's
    /// life and needs a session of its own (never one of PgBouncer's transaction-mode connections), so it has a pool
    /// and a connection string of its own, apart from the one requests and workers draw from.
    /// </summary>
    public const string ListenerSource = "cloudbroker-listeners";

    /// <summary>
    /// Registers the one <see cref="BrokerDbContext"/> on PostgreSQL: one data source (connection pool) per
    /// process for all work, one for the notification listeners (<paramref name="listenConnectionString"/>, default the
    /// same server), the <c>FOR UPDATE SKIP LOCKED</c> outbox claim and PostgreSQL's transient errors.
    /// </summary>
    public static IServiceCollection AddBrokerPostgres(this IServiceCollection services, string connectionString, string? listenConnectionString = null)
    {
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        services.AddKeyedSingleton(ListenerSource, (_, _) =>
            new NpgsqlDataSourceBuilder(PostgresConnectionStrings.ForListeners(listenConnectionString ?? connectionString)).Build());
        services.AddSingleton<IOutboxClaim, SkipLockedOutboxClaim>();
        services.AddSingleton<TransientDatabaseErrors, PostgresTransientErrors>();
        return services.AddBrokerDbContext((options, sp) => options.UseNpgsql(
            sp.GetRequiredService<NpgsqlDataSource>(),
            npgsql => npgsql.MigrationsAssembly(MigrationsAssembly)));
    }

    /// <summary>Listens for outbox notifications from API processes, for processes that run the dispatcher.</summary>
    public static IServiceCollection AddPostgresOutboxListener(this IServiceCollection services)
    {
        services.AddHostedService<OutboxNotificationListener>();
        return services;
    }

    /// <summary>API processes: key revocations and user changes reach every API process's key cache at once.</summary>
    public static IServiceCollection AddPostgresIdentityChanges(this IServiceCollection services)
    {
        services.AddSingleton<CloudBroker.Identity.Authentication.IIdentityChanges, IdentityChangeNotifier>();
        services.AddHostedService<IdentityChangeListener>();
        return services;
    }

    /// <summary>Every process: a provider created, changed or deleted through one API process is re-opened in every process at once.</summary>
    public static IServiceCollection AddPostgresProviderChanges(this IServiceCollection services)
    {
        services.AddSingleton<CloudBroker.Provisioning.Providers.IProviderChanges, ProviderChangeNotifier>();
        services.AddHostedService<ProviderChangeListener>();
        return services;
    }

    /// <summary>Notifies the dispatchers of other processes after outbox rows were committed, for processes without one.</summary>
    public static IServiceCollection AddPostgresOutboxSender(this IServiceCollection services)
    {
        services.AddHostedService<OutboxNotificationSender>();
        return services;
    }
}
