using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CloudBroker.Provisioning.Reconciliation;

public static class ReconciliationServiceCollectionExtensions
{
    /// <summary>The reconciler, for on-demand runs (every role that serves the API needs it).</summary>
    public static IServiceCollection AddReconciler(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ReconcilerOptions>(configuration.GetSection("CloudBroker:Reconciler"));
        services.AddScoped<Reconciler>();
        services.AddScoped<RunChanges>();
        services.AddScoped<StuckOperations>();
        services.AddScoped<InventoryActions>();
        return services;
    }

    /// <summary>Scheduled runs, for processes that run the worker role.</summary>
    public static IServiceCollection AddReconcilerSchedule(this IServiceCollection services) =>
        services.AddHostedService<ReconcilerScheduler>();
}
