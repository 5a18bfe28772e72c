using CloudBroker.Persistence.Saving;
using CloudBroker.Quotas.Counters;
using CloudBroker.Quotas.Ledger;
using CloudBroker.Quotas.Pricing;
using CloudBroker.Quotas.Settlement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CloudBroker.Quotas;

public static class QuotasServiceCollectionExtensions
{
    /// <summary>The quota model, prices, ledger and the quota save step (every role: API and worker saves both move reservations).</summary>
    public static IServiceCollection AddQuotas(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<CloudBroker.Persistence.IEntityContributor, QuotasEntities>();
        services.Configure<QuotaOptions>(configuration.GetSection(QuotaOptions.Section));
        services.AddSingleton<QuotaPricing>();
        services.AddSingleton<ISaveStep, QuotaSaveStep>();
        services.AddScoped<QuotaLedger>();
        services.AddSingleton<BudgetRecount>();
        return services;
    }

    /// <summary>The sweeper that releases reservations whose work died, for processes that run the worker role.</summary>
    public static IServiceCollection AddReservationSweeper(this IServiceCollection services)
    {
        services.AddSingleton<ReservationSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<ReservationSweeper>());
        return services;
    }
}
