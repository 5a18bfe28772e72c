using CloudBroker.Identity.ApiKeys;

namespace CloudBroker.Hosting;

/// <summary>
/// Checks, before anything starts, that the roles a process runs fit its host and its engines (a process
/// that runs only some roles shares its work with others, so it needs the shared engines, PostgreSQL and
/// RabbitMQ), and that a configured bootstrap admin key is long enough. Every refusal says which setting to change.
/// </summary>
internal static class BrokerTopology
{
    /// <summary>Returns the roles to run; with <paramref name="databaseOnly"/> (the <c>migrate</c> command) only the database must be usable.</summary>
    public static BrokerRoles Validate(BrokerSettings settings, BrokerHost host, bool databaseOnly)
    {
        ValidateDatabase(settings.Database);
        if (databaseOnly)
        {
            return BrokerRoles.None;
        }

        if (!string.IsNullOrWhiteSpace(settings.BootstrapAdminKey) && settings.BootstrapAdminKey.Trim().Length < BootstrapAdminKey.MinLength)
        {
            throw new BrokerConfigurationException(BootstrapAdminKey.TooShort("the CloudBroker__BootstrapAdminKey setting"));
        }

        var roles = BrokerRolesParser.Parse(settings.Roles);
        if (host == BrokerHost.Api && !roles.HasFlag(BrokerRoles.Api))
        {
            throw new BrokerConfigurationException($"CloudBroker__Roles={settings.Roles}: this is the API host; run a worker-only process with services/CloudBroker.Worker.");
        }

        if (host == BrokerHost.Worker && roles != BrokerRoles.Worker)
        {
            throw new BrokerConfigurationException($"CloudBroker__Roles={settings.Roles}: the worker host runs the 'worker' role only; the API runs in services/CloudBroker.Api.");
        }

        var database = settings.Database;
        var bus = settings.Bus;
        if (!bus.IsInMemory && !bus.IsRabbitMq)
        {
            throw new BrokerConfigurationException($"CloudBroker__Bus__Transport={bus.Transport}: use '{BusSettings.InMemory}' or '{BusSettings.RabbitMqTransport}'.");
        }

        if (bus.IsRabbitMq && bus.RabbitMq.Uri is null)
        {
            throw new BrokerConfigurationException("CloudBroker__Bus__Transport=RabbitMq needs CloudBroker__Bus__RabbitMq__Uri (for example 'amqp://user:password@rabbitmq:5672/').");
        }

        if (bus.StopTimeout <= TimeSpan.Zero)
        {
            throw new BrokerConfigurationException($"CloudBroker__Bus__StopTimeout={bus.StopTimeout:c}: the steps in hand need some time to finish or hand back (default 00:00:20).");
        }

        if (roles != BrokerRoles.All && !(database.IsPostgres && bus.IsRabbitMq))
        {
            throw new BrokerConfigurationException(
                $"CloudBroker__Roles={settings.Roles} runs part of CloudBroker in this process, so it must share the database and the bus with the others: " +
                "set CloudBroker__Database__Provider=Postgres (with CloudBroker__Database__ConnectionString) and CloudBroker__Bus__Transport=RabbitMq " +
                "(with CloudBroker__Bus__RabbitMq__Uri), or leave CloudBroker__Roles at 'api,worker' for the embedded mode. " +
                $"Now: database {database.Provider}, bus {bus.Transport}.");
        }

        return roles;
    }

    private static void ValidateDatabase(DatabaseSettings database)
    {
        if (!database.IsSqlite && !database.IsPostgres)
        {
            throw new BrokerConfigurationException($"CloudBroker__Database__Provider={database.Provider}: use '{DatabaseSettings.Sqlite}' or '{DatabaseSettings.Postgres}'.");
        }

        if (database.IsPostgres && string.IsNullOrWhiteSpace(database.ConnectionString))
        {
            throw new BrokerConfigurationException("CloudBroker__Database__Provider=Postgres needs CloudBroker__Database__ConnectionString (for example 'Host=db;Database=cloudbroker;Username=cloudbroker;Password=...').");
        }

        if (database.MaxPoolSize < 1)
        {
            throw new BrokerConfigurationException($"CloudBroker__Database__MaxPoolSize={database.MaxPoolSize}: a pool needs at least 1 connection (default {DatabaseSettings.DefaultMaxPoolSize}).");
        }

        if (database.ConnectionTimeout < TimeSpan.FromSeconds(1))
        {
            throw new BrokerConfigurationException($"CloudBroker__Database__ConnectionTimeout={database.ConnectionTimeout}: use at least 00:00:01 (whole seconds; default {DatabaseSettings.DefaultConnectionTimeout}).");
        }
    }
}
