using CloudBroker.Persistence;
using CloudBroker.Provisioning.Instances;
using CloudBroker.Provisioning.Providers;
using CloudBroker.Provisioning.Reconciliation;
using CloudBroker.Provisioning.Workflow;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CloudBroker.Provisioning;

public static class ProvisioningServiceCollectionExtensions
{
    /// <summary>The provisioning model, providers and request intake (every role needs these).</summary>
    public static IServiceCollection AddProvisioning(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IModelContributor, ProvisioningModel>();
        services.Configure<ProvisioningOptions>(configuration.GetSection("CloudBroker:Provisioning"));
        services.AddSingleton<ProviderRegistry>();
        services.AddScoped<InstanceRequests>();
        services.AddScoped<OperationWorkflow>();
        services.AddScoped<OperationOutcomes>();
        services.AddScoped<InstanceCompensation>();
        services.AddHostedService<CatalogRefresher>();
        services.AddReconciler(configuration);
        return services;
    }

    /// <summary>The sweeper that re-drives operations whose next step was lost, for processes that run the worker role.</summary>
    public static IServiceCollection AddOperationSweeper(this IServiceCollection services)
    {
        services.AddSingleton<OperationSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<OperationSweeper>());
        return services;
    }

    /// <summary>The workflow consumers, for processes that run the worker role.</summary>
    public static IBusRegistrationConfigurator AddProvisioningConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ExecuteOperationConsumer, WorkflowConsumerDefinition<ExecuteOperationConsumer>>();
        bus.AddConsumer<CheckOperationConsumer, WorkflowConsumerDefinition<CheckOperationConsumer>>();
        bus.AddConsumer<CompensateInstanceConsumer, WorkflowConsumerDefinition<CompensateInstanceConsumer>>();
        return bus;
    }
}
