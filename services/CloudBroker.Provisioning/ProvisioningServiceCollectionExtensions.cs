using CloudBroker.Drivers;
using CloudBroker.Persistence;
using CloudBroker.Persistence.Background;
using CloudBroker.Provisioning.Calls;
using CloudBroker.Provisioning.Health;
using CloudBroker.Provisioning.Instances;
using CloudBroker.Provisioning.Pacing;
using CloudBroker.Provisioning.Providers;
using CloudBroker.Provisioning.Reconciliation;
using CloudBroker.Provisioning.Telemetry;
using CloudBroker.Provisioning.Workflow;
using CloudBroker.Secrets;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CloudBroker.Provisioning;

public static class ProvisioningServiceCollectionExtensions
{
    /// <summary>
    /// The provisioning model, providers and request intake (every role needs these). Provider budgets live in
    /// this process unless the database registration chose <see cref="AddSharedProviderPacing"/> first.
    /// </summary>
    public static IServiceCollection AddProvisioning(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IEntityContributor, ProvisioningEntities>();
        services.Configure<ProvisioningOptions>(configuration.GetSection("CloudBroker:Provisioning"));
        services.TryAddSingleton<IProviderPacing, LocalProviderPacing>();
        services.AddSingleton<RecentProviderCalls>();
        services.AddSingleton<IProviderCallObserver>(sp => sp.GetRequiredService<RecentProviderCalls>());
        services.Configure<ProviderHealthOptions>(configuration.GetSection("CloudBroker:ProviderHealth"));
        services.AddSingleton<ProviderHealthBoard>();
        services.AddHostedService<ProviderHealthMonitor>();
        services.AddSingleton<IProviderCallObserver, ProviderCallMetrics>();
        services.AddSingleton(sp => ProviderEndpointSettings.Read(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<ProviderRegistry>();
        services.AddProviderStore(configuration);
        services.AddScoped<InstanceRequests>();
        services.AddScoped<StepRunner>();
        services.AddScoped<OperationWorkflow>();
        services.AddScoped<OperationOutcomes>();
        services.AddScoped<InstanceCompensation>();
        services.AddHostedService<CatalogRefresher>();
        services.AddReconciler(configuration);
        return services;
    }

    /// <summary>
    /// Providers defined through the API: their sealed credentials, and the sync that opens them in every process.
    /// Other processes hear of a change at their next check unless the database registration chose a notifier first.
    /// </summary>
    private static IServiceCollection AddProviderStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSecrets(configuration);
        services.Configure<ProviderStoreOptions>(configuration.GetSection(ProviderStoreOptions.Section));
        services.AddSingleton<ProviderCredentials>();
        services.AddKeyedSingleton<WakeSignal>(typeof(ProviderRecord)); // a provider defined through the API changed
        services.TryAddSingleton<IProviderChanges, LocalProviderChanges>();
        services.AddSingleton<ProviderSync>();
        services.AddHostedService(sp => sp.GetRequiredService<ProviderSync>());
        return services;
    }

    /// <summary>Provider request budgets in the database, shared by every process (the scaled-out mode).</summary>
    public static IServiceCollection AddSharedProviderPacing(this IServiceCollection services) =>
        services.AddSingleton<IProviderPacing, SharedProviderPacing>();

    /// <summary>The sweeper that re-drives operations whose next step was lost, for processes that run the worker role.</summary>
    public static IServiceCollection AddOperationSweeper(this IServiceCollection services)
    {
        services.AddSingleton<OperationSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<OperationSweeper>());
        return services;
    }

    /// <summary>The queues <see cref="AddProvisioningConsumers"/> receive from (MassTransit's default endpoint names).</summary>
    public static IReadOnlyList<string> ProvisioningQueues { get; } =
    [
        DefaultEndpointNameFormatter.Instance.Consumer<ExecuteOperationConsumer>(),
        DefaultEndpointNameFormatter.Instance.Consumer<CheckOperationConsumer>(),
        DefaultEndpointNameFormatter.Instance.Consumer<CompensateInstanceConsumer>(),
    ];

    /// <summary>The workflow consumers, for processes that run the worker role.</summary>
    public static IBusRegistrationConfigurator AddProvisioningConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ExecuteOperationConsumer, WorkflowConsumerDefinition<ExecuteOperationConsumer>>();
        bus.AddConsumer<CheckOperationConsumer, WorkflowConsumerDefinition<CheckOperationConsumer>>();
        bus.AddConsumer<CompensateInstanceConsumer, WorkflowConsumerDefinition<CompensateInstanceConsumer>>();
        return bus;
    }
}
