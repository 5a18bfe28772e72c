using CloudBroker.Persistence;
using CloudBroker.Provisioning.Providers;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace CloudBroker.Hosting;

/// <summary>
/// Whether this process can do its work: the database answers and, where workers run, the bus is
/// connected. Providers are reported, not required: one unusable provider must not take the broker
/// out of service, and are reported by status and category only (<c>ok</c>, <c>degraded: unreachable</c>,
/// <c>unavailable: unreachable</c>…).
/// </summary>
public sealed class BrokerReadiness(IServiceScopeFactory scopes, IServiceProvider services, ProviderRegistry providers, BrokerRuntime runtime)
{
    public async Task<(bool Ready, Dictionary<string, string> Checks)> CheckAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        var checks = new Dictionary<string, string>
        {
            ["roles"] = runtime.Roles.ToString().ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal),
            ["database"] = await CanConnectAsync(db, cancellationToken) ? "ok" : "unreachable",
        };
        var ready = checks["database"] == "ok";
        if (services.GetService<IBusControl>() is { } bus)
        {
            var health = bus.CheckHealth();
            checks["bus"] = health.Status == BusHealthStatus.Healthy ? "ok" : $"{health.Status.ToString().ToLowerInvariant()}: {health.Description}";
            ready &= health.Status == BusHealthStatus.Healthy;
        }

        foreach (var provider in providers.All)
        {
            // Anyone may read this: the category only, never the reason (it may quote the provider's answer).
            checks["provider:" + provider.Id] = provider.StatusCategory is { } category
                ? $"{provider.Status.ToString().ToLowerInvariant()}: {category.Slug}"
                : "ok";
        }

        return (ready, checks);
    }

    private static async Task<bool> CanConnectAsync(BrokerDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return false;
        }
    }
}
