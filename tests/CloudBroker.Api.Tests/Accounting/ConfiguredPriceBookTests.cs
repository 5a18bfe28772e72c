using CloudBroker.Accounting.Pricing;
using CloudBroker.Api.Tests.Quotas;
using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Accounting;

/// <summary>
/// The prices in configuration become the published book <c>configuration</c>: starting again, in several processes at
/// once, adds nothing; changed prices add one version in force from that start; another currency stops the start.
/// </summary>
public sealed class ConfiguredPriceBookTests(QuotaFactory factory) : IClassFixture<QuotaFactory>
{
    [Fact]
    public async Task Starts_at_once_with_the_same_prices_add_nothing_and_changed_prices_add_one_version_from_that_start()
    {
        _ = factory.Services; // the factory's own start published version 1
        var same = Configuration("2.50");
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => EnsureAsync(same, DateTime.UtcNow)));
        var versions = await VersionsAsync();
        Assert.Equal([1], versions);

        var restart = DateTime.UtcNow;
        var changed = Configuration("3.00");
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => EnsureAsync(changed, restart)));
        await EnsureAsync(changed, restart.AddMinutes(1));
        versions = await VersionsAsync();
        Assert.Equal([1, 2], versions);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        var second = await db.Set<PriceBookVersion>().Include(v => v.Lines).SingleAsync(v => v.BookId == ConfiguredPriceBook.BookId && v.Number == 2, Ct);
        Assert.Equal(restart.AddTicks(-(restart.Ticks % TimeSpan.TicksPerSecond)), second.EffectiveFrom);
        Assert.Equal(3.00m, second.Lines.Single(l => l.ProviderId == "priced" && l.Sku == "m1-small").UnitPrice);
        Assert.Equal(PriceBookStatuses.Published, second.Status);
    }

    [Fact]
    public async Task Prices_in_another_currency_stop_the_start_saying_how_to_move_them()
    {
        var euros = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CloudBroker:Providers:priced:Prices:Currency"] = "EUR",
            ["CloudBroker:Providers:priced:Prices:HardwareProfiles:m1-small"] = "2.50",
        }).Build();
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => EnsureAsync(euros, DateTime.UtcNow));
        Assert.Contains("CloudBroker:Providers:priced:Prices:Currency is EUR", refused.Message, StringComparison.Ordinal);
        Assert.Contains("POST /api/price-books", refused.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(string smallPrice) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["CloudBroker:Providers:priced:Prices:Currency"] = "USD",
        ["CloudBroker:Providers:priced:Prices:HardwareProfiles:m1-small"] = smallPrice,
        ["CloudBroker:Providers:priced:Prices:CpuHour"] = "0.04",
        ["CloudBroker:Providers:stuck:Faults:Create:StuckPendingRate"] = "1",
    }).Build();

    private async Task EnsureAsync(IConfiguration configuration, DateTime now)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await ConfiguredPriceBook.EnsureAsync(scope.ServiceProvider.GetRequiredService<BrokerDbContext>(), configuration, "USD", now, Ct);
    }

    private async Task<int[]> VersionsAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return [.. (await scope.ServiceProvider.GetRequiredService<BrokerDbContext>().Set<PriceBookVersion>()
            .Where(v => v.BookId == ConfiguredPriceBook.BookId).Select(v => v.Number).ToListAsync(Ct)).Order()];
    }
}
