using CloudBroker.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace CloudBroker.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>The audit table in the model and the writer the API's recorder uses.</summary>
    public static IServiceCollection AddAuditLog(this IServiceCollection services)
    {
        services.AddSingleton<IModelContributor, AuditModel>();
        services.AddSingleton<AuditLog>();
        return services;
    }
}
