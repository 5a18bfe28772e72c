using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CloudBroker.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>The audit table in the model, the writer the API's recorder uses, and the tenants a request touches.</summary>
    public static IServiceCollection AddAuditLog(this IServiceCollection services)
    {
        services.AddSingleton<IEntityContributor, AuditEntities>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<ISaveChangesInterceptor>(AuditedTenantsInterceptor.Instance);
        return services;
    }
}
