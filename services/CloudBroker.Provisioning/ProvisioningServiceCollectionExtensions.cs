using CloudBroker.Persistence;
using CloudBroker.Provisioning.Instances;
using CloudBroker.Provisioning.Providers;
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
        services.AddHostedService<CatalogRefresher>();
        return services;
    }

    /// <summary>The workflow consumers, for processes that run the worker role.</summary>
    public static IBusRegistrationConfigurator AddProvisioningConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ExecuteOperationConsumer, WorkflowConsumerDefinition<ExecuteOperationConsumer>>();
        bus.AddConsumer<CheckOperationConsumer, WorkflowConsumerDefinition<CheckOperationConsumer>>();
        return bus;
    }
}
