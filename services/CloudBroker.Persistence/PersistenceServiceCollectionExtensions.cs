using CloudBroker.Persistence.Background;
using CloudBroker.Persistence.Outbox;
using CloudBroker.Persistence.Saving;
using CloudBroker.Persistence.Transient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CloudBroker.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>The SQLite migrations live in their own assembly, one migration history per database provider.</summary>
    public const string SqliteMigrationsAssembly = "CloudBroker.Persistence.Sqlite";

    /// <summary>Registers the one <see cref="BrokerDbContext"/> on SQLite.</summary>
    public static IServiceCollection AddBrokerSqlite(this IServiceCollection services, string connectionString) =>
        services
            .AddSingleton<IOutboxClaim, WriteLockOutboxClaim>()
            .AddSingleton<TransientDatabaseErrors, SqliteTransientErrors>()
            .AddBrokerDbContext((options, _) => options
                .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly))
                .AddInterceptors(new SqliteBusyTimeoutInterceptor()));

    /// <summary>
    /// Registers the pooled <see cref="BrokerDbContext"/> on the database <paramref name="useDatabase"/> names,
    /// with every area's model and save steps, the outbox signal and the commit counter; each database provider's package calls this
    /// (and registers its <see cref="TransientDatabaseErrors"/>).
    /// </summary>
    private static readonly CommitCounter CommitCounterInstance = new();

    public static IServiceCollection AddBrokerDbContext(this IServiceCollection services, Action<DbContextOptionsBuilder, IServiceProvider> useDatabase)
    {
        services.AddKeyedSingleton<WakeSignal>(typeof(OutboxMessage)); // outbox rows committed
        services.AddSingleton<OutboxSignalInterceptor>();
        services.AddDbContextPool<BrokerDbContext>((sp, options) =>
        {
            useDatabase(options, sp);
            SaveStepsExtension.Use(options, sp.GetServices<ISaveStep>()); // run by the context's own save path (quota counters)
            options
                .UseBrokerEntities(sp.GetServices<IEntityContributor>())
                .AddInterceptors(TimestampPrecisionInterceptor.Instance)
                .AddInterceptors(sp.GetServices<ISaveChangesInterceptor>())
                .AddInterceptors(sp.GetRequiredService<OutboxSignalInterceptor>())
                .AddInterceptors(CommitCounterInstance) // last: it sees a save after the areas' interceptors ran
                // A failed save, query or connection is an exception its caller answers or logs (the API's problem handler, a
                // consumer's fault, a background loop's warning, a conflict turned into 409); EF's own error lines repeated it,
                // once per quota refusal, and two or three per request a busy database answered 503.
                .ConfigureWarnings(w => w.Ignore(CoreEventId.SaveChangesFailed, CoreEventId.QueryIterationFailed, RelationalEventId.ConnectionError));
        });
        return services;
    }

    /// <summary>Purges idempotency keys past their retention, in this process.</summary>
    public static IServiceCollection AddIdempotencyPurger(this IServiceCollection services)
    {
        services.AddHostedService<Idempotency.IdempotencyPurger>();
        return services;
    }

    /// <summary>Runs the outbox dispatcher in this process.</summary>
    public static IServiceCollection AddOutboxDispatcher(this IServiceCollection services)
    {
        services.AddHostedService<OutboxDispatcher>();
        return services;
    }
}
