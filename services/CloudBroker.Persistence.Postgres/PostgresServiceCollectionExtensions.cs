using CloudBroker.Persistence.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CloudBroker.Persistence.Postgres;

public static class PostgresServiceCollectionExtensions
{
    public const string MigrationsAssembly = "CloudBroker.Persistence.Postgres";

    /// <summary>
    /// Registers the one <see cref="BrokerDbContext"/> on PostgreSQL: one data source (connection pool) per
    /// process, the <c>FOR UPDATE SKIP LOCKED</c> outbox claim, and, where the dispatcher runs, a listener
    /// that wakes it when an API process commits outbox rows.
    /// </summary>
    public static IServiceCollection AddBrokerPostgres(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        services.AddSingleton<IOutboxClaim, SkipLockedOutboxClaim>();
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

    /// <summary>Notifies the dispatchers of other processes after outbox rows were committed, for processes without one.</summary>
    /// <summary>API processes: key revocations and user changes reach every API process's key cache at once.</summary>
    public static IServiceCollection AddPostgresIdentityChanges(this IServiceCollection services)
    {
        services.AddSingleton<CloudBroker.Identity.IIdentityChanges, IdentityChangeNotifier>();
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

    public static IServiceCollection AddPostgresOutboxSender(this IServiceCollection services)
    {
        services.AddHostedService<OutboxNotificationSender>();
        return services;
    }
}
