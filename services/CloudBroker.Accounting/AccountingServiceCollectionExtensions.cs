using CloudBroker.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CloudBroker.Accounting;

public static class AccountingServiceCollectionExtensions
{
    /// <summary>Accounting's model (every role reads and writes it).</summary>
    public static IServiceCollection AddAccounting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IEntityContributor, AccountingEntities>();
        return services;
    }
}
