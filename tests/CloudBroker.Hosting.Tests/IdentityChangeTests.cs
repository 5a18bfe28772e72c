using System.Diagnostics;
using CloudBroker.Accounting;
using CloudBroker.Audit;
using CloudBroker.Identity;
using CloudBroker.Identity.Access;
using CloudBroker.Identity.ApiKeys;
using CloudBroker.Identity.Authentication;
using CloudBroker.Persistence;
using CloudBroker.Persistence.Postgres;
using CloudBroker.Placement;
using CloudBroker.Provisioning;
using CloudBroker.Quotas;
using CloudBroker.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace CloudBroker.Hosting.Tests;

/// <summary>
/// On PostgreSQL several API processes cache verified keys; a key revoked (or a user changed) through one
/// must stop working in the others at once, not when their cache entry expires (10 s).
/// </summary>
public sealed class IdentityChangeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_change_announced_by_one_api_process_clears_the_key_cache_of_another_at_once()
    {
        await using var database = await ScratchPostgresDatabase.CreateAsync("cb_host", Ct);
        await using var first = Process(database.ConnectionString);
        await using var second = Process(database.ConnectionString);
        await first.StartHostedAsync(Ct);
        await second.StartHostedAsync(Ct);
        var cache = second.GetRequiredService<ApiKeyCache>();

        for (var i = 0; i < 3; i++)
        {
            cache.Add("hash", new VerifiedKey("key", "tenant", "user", Roles.Member, ["group"]));
            await Task.Delay(TimeSpan.FromMilliseconds(200), Ct); // the listener is up (it clears once when it starts listening)
            cache.Add("hash", new VerifiedKey("key", "tenant", "user", Roles.Member, ["group"]));
            Assert.True(cache.TryGet("hash", out _));

            var clock = Stopwatch.StartNew();
            await using (var scope = first.CreateAsyncScope())
            {
                await first.GetRequiredService<IIdentityChanges>().AnnounceAsync(scope.ServiceProvider.GetRequiredService<BrokerDbContext>(), Ct);
            }
            while (cache.TryGet("hash", out _))
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), "the other process still trusts the key 3 s after the change (its cache lives 10 s)");
                await Task.Delay(TimeSpan.FromMilliseconds(20), Ct);
            }
        }

        await first.StopHostedAsync(Ct);
        await second.StopHostedAsync(Ct);
    }

    private static ServiceProvider Process(string connectionString)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ApiKeyCache>();
        // The whole model, as every process has it: EF caches one model per context type for the test process.
        services.AddSingleton<IEntityContributor, ProvisioningEntities>();
        services.AddSingleton<IEntityContributor, QuotasEntities>();
        services.AddSingleton<IEntityContributor, IdentityEntities>();
        services.AddSingleton<IEntityContributor, AuditEntities>();
        services.AddSingleton<IEntityContributor, AccountingEntities>();
        services.AddSingleton<IEntityContributor, PlacementEntities>();
        services.AddBrokerPostgres(connectionString);
        services.AddPostgresIdentityChanges();
        return services.BuildServiceProvider();
    }
}
