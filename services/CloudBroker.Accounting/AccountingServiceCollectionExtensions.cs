using CloudBroker.Accounting.Pricing;
using CloudBroker.Persistence;
using CloudBroker.Quotas.Pricing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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
        return services;
    }
}
