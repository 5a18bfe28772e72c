using CloudBroker.Drivers.Libvirt;
using CloudBroker.Drivers.Mock;
using CloudBroker.Identity;
using CloudBroker.Persistence;
using CloudBroker.Persistence.Idempotency;
using CloudBroker.Persistence.Outbox;
using CloudBroker.Provisioning;
using CloudBroker.Provisioning.Reconciliation;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CloudBroker.Hosting;

public static class CloudBrokerHostingExtensions
{
    /// <summary>
    /// Composes CloudBroker on the configured engines. The embedded default runs every role in one
    /// process on SQLite and the in-memory bus.
    /// </summary>
    public static IHostApplicationBuilder AddCloudBroker(this IHostApplicationBuilder builder)
    {
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = BrokerDefaults.Values });
        var section = builder.Configuration.GetSection(BrokerSettings.Section);
        var settings = section.Get<BrokerSettings>() ?? new BrokerSettings();
        RequireEmbeddedEngines(settings);

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.Configure<BrokerSettings>(section);
        services.Configure<OutboxOptions>(section.GetSection("Outbox"));
        services.Configure<IdempotencyOptions>(section.GetSection("Idempotency"));
        services.AddSingleton<InstallationIdentity>();
        services.AddSingleton<ApiKeyCache>();
        services.AddSingleton<IModelContributor, IdentityModel>();
        services.AddBrokerSqlite(settings.Database.ConnectionString ?? SqliteConnectionString(settings.DataPath));
        services.AddProvisioning(builder.Configuration);
        services.AddMockDriver();
        services.AddLibvirtDriver();
        services.AddHostedService<BrokerStartup>();

        services.AddMassTransit(bus =>
        {
            bus.AddProvisioningConsumers();
            bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
        });
        services.AddOutboxDispatcher();
        services.AddIdempotencyPurger();
        services.AddReconcilerSchedule();
        services.AddOperationSweeper();
        return builder;
    }

    private static string SqliteConnectionString(string dataPath) =>
        new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataPath, "cloudbroker.db"),
            DefaultTimeout = 30,
            Pooling = true,
        }.ToString();

    /// <summary>The scale-out engines and roles are reserved keys today: refuse them clearly rather than ignore them.</summary>
    private static void RequireEmbeddedEngines(BrokerSettings settings)
    {
        if (!string.Equals(settings.Database.Provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"CloudBroker__Database__Provider={settings.Database.Provider} is not available yet: this version runs on Sqlite only (Postgres arrives with the scale-out mode).");
        }

        if (!string.Equals(settings.Bus.Transport, "InMemory", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"CloudBroker__Bus__Transport={settings.Bus.Transport} is not available yet: this version runs on the InMemory bus only (RabbitMq arrives with the scale-out mode).");
        }

        var roles = settings.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => r.ToLowerInvariant()).ToHashSet();
        if (!roles.SetEquals(["api", "worker"]))
        {
            throw new InvalidOperationException(
                $"CloudBroker__Roles={settings.Roles}: a process that runs only some roles needs PostgreSQL and RabbitMQ, which arrive with the scale-out mode; leave Roles at 'api,worker'.");
        }
    }
}
