using CloudBroker.Placement;
using CloudBroker.Accounting;
using CloudBroker.Audit;
using CloudBroker.Drivers.Azure;
using CloudBroker.Drivers.Ec2;
using CloudBroker.Drivers.Libvirt;
using CloudBroker.Drivers.Mock;
using CloudBroker.Identity;
using CloudBroker.Identity.Authentication;
using CloudBroker.Persistence;
using CloudBroker.Persistence.Idempotency;
using CloudBroker.Persistence.Outbox;
using CloudBroker.Provisioning;
using CloudBroker.Provisioning.Reconciliation;
using CloudBroker.Quotas;
using CloudBroker.Secrets;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CloudBroker.Hosting;

public static class CloudBrokerHostingExtensions
{
    /// <summary>
    /// Composes CloudBroker on the configured engines and roles. The embedded default runs every role in
    /// one process on SQLite and the in-memory bus; the scaled-out mode runs API and worker processes on
    /// PostgreSQL and RabbitMQ. <paramref name="args"/> name the command (<see cref="BrokerCommands"/>): <c>migrate</c>
    /// needs only the database.
    /// </summary>
    public static IHostApplicationBuilder AddCloudBroker(this IHostApplicationBuilder builder, BrokerHost host, string[] args)
    {
        PrivateFiles.RestrictNewFiles(); // first: the data folder, databases and keys are private from their first byte
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = BrokerDefaults.For(host) });
        var section = builder.Configuration.GetSection(BrokerSettings.Section);
        var settings = section.Get<BrokerSettings>() ?? new BrokerSettings();
        var migrateOnly = BrokerCommands.VerbOf(args) == BrokerCommands.Migrate;
        var roles = BrokerTopology.Validate(settings, host, migrateOnly);

        // The bus's queue depth is measured where the bus runs: in processes with the worker role.
        builder.AddBrokerTelemetry(settings.Telemetry, host, roles.HasFlag(BrokerRoles.Worker) ? settings.Bus : null);
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.Configure<KestrelServerOptions>(o => o.AddServerHeader = false); // answers do not name the server
        services.AddSingleton(new BrokerRuntime(roles));
        services.Configure<BrokerSettings>(section);
        services.Configure<OutboxOptions>(section.GetSection("Outbox"));
        services.Configure<IdempotencyOptions>(section.GetSection("Idempotency"));
        services.AddSingleton<InstallationIdentity>();
        services.AddSingleton<ApiKeyCache>();
        services.AddSingleton<IEntityContributor, IdentityEntities>();
        services.AddAuditLog();
        services.AddBrokerDatabase(settings, roles);
        services.TryAddSingleton<IIdentityChanges, LocalIdentityChanges>();
        services.AddProvisioning(builder.Configuration);
        services.AddQuotas(builder.Configuration);
        services.AddAccounting(builder.Configuration);
        services.AddPlacement(builder.Configuration); // after AddQuotas: its save step locks inventory rows after the quota counters
        services.AddMockDriver();
        services.AddLibvirtDriver();
        services.AddEc2Driver();
        services.AddAzureDriver();
        services.AddHostedService<BrokerStartup>();
        services.AddSingleton<BrokerReadiness>();

        if (roles.HasFlag(BrokerRoles.Worker))
        {
            services.AddBrokerBus(settings.Bus);
            services.AddOutboxDispatcher();
            services.AddIdempotencyPurger();
            services.AddReconcilerSchedule();
            services.AddOperationSweeper();
            services.AddReservationSweeper();
            services.AddMeteringWorker();
            services.AddRatingWorker();
            services.AddWebhookDelivery();
            services.AddInventoryRefresher();
        }

        return builder;
    }
}
