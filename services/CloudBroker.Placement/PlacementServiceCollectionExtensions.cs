using CloudBroker.Persistence.Saving;
using CloudBroker.Placement.Decisions;
using CloudBroker.Placement.Inventory;
using CloudBroker.Placement.Placing;
using CloudBroker.Placement.Pools;
using CloudBroker.Provisioning.Instances;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CloudBroker.Placement;

public static class PlacementServiceCollectionExtensions
{
    /// <summary>
    /// Pools, inventory, sizes and image families, the pools' rule on every create, placement and the capacity save step (every
    /// role). Call after <c>AddQuotas</c>: the save steps run in registration order, and the quota counters lock first.
    /// </summary>
    public static IServiceCollection AddPlacement(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<CloudBroker.Persistence.IEntityContributor, PlacementEntities>();
        services.Configure<PlacementOptions>(configuration.GetSection(PlacementOptions.Section));
        services.AddSingleton<ISaveStep, CapacitySaveStep>();
        services.AddSingleton<ICreateAdmission, PoolAdmission>();
        services.AddSingleton<ICreateAdmission, PlacementRecording>(); // after the pools' rule: a refused create records nothing
        services.AddSingleton<PlacementSnapshots>();
        services.AddScoped<Placer>();
        services.AddScoped<IPlacement>(sp => sp.GetRequiredService<Placer>());
        return services;
    }

    /// <summary>The capacity reader, for processes that run the worker role.</summary>
    public static IServiceCollection AddInventoryRefresher(this IServiceCollection services)
    {
        services.AddSingleton<InventoryRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<InventoryRefresher>());
        return services;
    }
}
