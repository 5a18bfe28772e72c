using CloudBroker.Accounting.Metering;
using CloudBroker.Accounting.Pricing;
using CloudBroker.Accounting.Rating;
using CloudBroker.Persistence;
using CloudBroker.Persistence.Background;
using CloudBroker.Quotas.Pricing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CloudBroker.Accounting;

public static class AccountingServiceCollectionExtensions
{
    /// <summary>Accounting's model and the published prices (every role reads and writes them; the budget's estimate prices from them).</summary>
    public static IServiceCollection AddAccounting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IEntityContributor, AccountingEntities>();
        services.Configure<AccountingOptions>(configuration.GetSection(AccountingOptions.Section));
        services.AddSingleton<PublishedPrices>();
        services.AddScoped<PriceBooks>();
        services.AddSingleton<IHourlyPrices>(sp => sp.GetRequiredService<PublishedPrices>());
        services.AddHostedService<PriceCatalogRefresher>();
        services.AddScoped<RatingRun>();
        services.TryAddKeyedSingleton<WakeSignal>(typeof(UsageInterval)); // metering notifies it when usage advances
        return services;
    }

    /// <summary>The rating run, for processes that run the worker role.</summary>
    public static IServiceCollection AddRatingWorker(this IServiceCollection services)
    {
        services.AddHostedService<RatingWorker>();
        return services;
    }
}
