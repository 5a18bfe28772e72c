using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CloudBroker.Secrets;

public static class SecretsServiceCollectionExtensions
{
    /// <summary>The key ring bound to <c>CloudBroker:Secrets</c>; the host calls <see cref="SecretKeyRing.Load"/> at startup.</summary>
    public static IServiceCollection AddSecrets(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SecretsOptions>(configuration.GetSection(SecretsOptions.Section));
        services.AddSingleton<SecretKeyRing>();
        return services;
    }
}
