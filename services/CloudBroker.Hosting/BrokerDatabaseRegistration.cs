using CloudBroker.Persistence;
using CloudBroker.Persistence.Postgres;
using CloudBroker.Provisioning;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CloudBroker.Hosting;

internal static class BrokerDatabaseRegistration
{
    /// <summary>The one database: SQLite in the data folder (embedded), or PostgreSQL shared by every process.</summary>
    public static IServiceCollection AddBrokerDatabase(this IServiceCollection services, BrokerSettings settings, BrokerRoles roles)
    {
        var database = settings.Database;
        if (database.IsPostgres)
        {
            services.AddBrokerPostgres(PostgresConnectionDefaults.Apply(database.ConnectionString!));
            services.AddSharedProviderPacing(); // several processes call the same providers
            services.AddPostgresProviderChanges(); // and open the same stored providers
            if (roles.HasFlag(BrokerRoles.Api))
            {
                services.AddPostgresIdentityChanges(); // several processes cache the same keys
            }

            if (roles.HasFlag(BrokerRoles.Worker))
            {
                services.AddPostgresOutboxListener(); // woken by API processes' notifications
            }
            else if (roles.HasFlag(BrokerRoles.Api))
            {
                services.AddPostgresOutboxSender(); // no dispatcher here: tell the workers' dispatchers
            }

            return services;
        }

        return services.AddBrokerSqlite(database.ConnectionString ?? new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(settings.DataPath, "cloudbroker.db"),
            DefaultTimeout = 30,
            Pooling = true,
        }.ToString());
    }
}
