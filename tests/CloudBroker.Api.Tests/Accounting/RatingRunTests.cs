using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Accounting;
using CloudBroker.Accounting.Alerts;
using CloudBroker.Accounting.Metering;
using CloudBroker.Accounting.Periods;
using CloudBroker.Accounting.Pricing;
using CloudBroker.Accounting.Rating;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Persistence;
using CloudBroker.Quotas.Counters;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;
using static CloudBroker.Api.Tests.Accounting.RatingFixtures;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Accounting;

/// <summary>
/// The rating run against the database: usage rows written as metering writes them, a book published through the API,
/// rating in two fresh contexts with fresh price caches (as two processes would) writes the same charge ids and amounts,
/// the amounts are the ones worked out here, re-rating replaces rather than adds, and finance reads them.
/// </summary>
public sealed class RatingRunTests(RatingFactory factory) : IClassFixture<RatingFactory>
{
    [Fact]
    public async Task Rating_twice_from_fresh_contexts_writes_the_same_charges_with_the_amounts_worked_out_here()
    {
        var tenantId = UniqueName("rated");
        await factory.AddUserKeyAsync(tenantId + "-member", "member", tenantId);
        using var admin = factory.CreateAdminClient();
        var book = await admin.PublishBookAsync(UniqueName("rates"), At(3, 1),
            [PriceBookCalls.Line("mock", "m1-small", "0.50"), PriceBookCalls.Line("mock", "m1-small", "0.40", tenantId)],
            [new JsonObject { ["tenantId"] = tenantId, ["percent"] = "-10" }]);

        var vm = Guid.NewGuid().ToString();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
            db.AddRange(
                Metered($"{vm}-1", vm, At(3, 10, 20), At(3, 11, 2), tenantId), // 4 h on the 10th, 2 h on the 11th
                Metered($"{vm}-2", vm, At(3, 11, 10), null, tenantId)); // runs on: to the watermark
            await db.SaveChangesAsync(Ct);
        }

        var watermark = At(3, 11, 13).AddMinutes(30); // 3.5 h of the open interval
        var first = await RateInFreshContextAsync(watermark, tenantId);
        var second = await RateInFreshContextAsync(watermark, tenantId);

        Assert.Equal(first, second);
        var byDay = first.ToDictionary(c => c.Day);
        Assert.Equal(2, first.Count);
        Assert.Equal((4m, 2.00m, 1.60m, 1.44m), (byDay[At(3, 10)].Quantity, byDay[At(3, 10)].ListAmount, byDay[At(3, 10)].ContractedAmount, byDay[At(3, 10)].BilledAmount));
        Assert.Equal((5.5m, 2.75m, 2.20m, 1.98m), (byDay[At(3, 11)].Quantity, byDay[At(3, 11)].ListAmount, byDay[At(3, 11)].ContractedAmount, byDay[At(3, 11)].BilledAmount));
        Assert.All(first, c => Assert.Equal(book, c.PriceBookId));

        using var finance = factory.CreateAdminClient(await factory.AddUserKeyAsync(tenantId + "-finance", "finance", tenantId));
        var page = await ExpectJsonAsync(await finance.GetAsync($"/api/charges?instanceId={vm}&from=2026-03-11", Ct), HttpStatusCode.OK);
        var charge = page["items"]!.AsArray().Single()!;
        Assert.Equal(("2026-03-11", "1.98", "USD"), ((string?)charge["day"], (string?)charge["billedAmount"], (string?)charge["currency"]));

        var otherTenant = UniqueName("other");
        using var outsider = factory.CreateAdminClient(await factory.AddUserKeyAsync(otherTenant + "-finance", "finance", otherTenant));
        var none = await ExpectJsonAsync(await outsider.GetAsync($"/api/charges?tenantId={tenantId}", Ct), HttpStatusCode.OK);
        Assert.Empty(none["items"]!.AsArray());
    }

    [Fact]
    public async Task Two_fresh_hosts_on_one_database_each_write_the_same_charges_themselves()
    {
        var data = ApiFactory.NewDataDirectory();
        try
        {
            var tenantId = UniqueName("hosts");
            List<(string, DateTime, decimal, decimal, decimal, decimal, string)> first, second;
            await using (var host = ApiFactory.On(data, ApiFactory.AdminKey, deleteOnDispose: false))
            {
                await host.AddUserKeyAsync(tenantId + "-member", "member", tenantId);
                using var admin = host.CreateAdminClient();
                await admin.PublishBookAsync(UniqueName("rates"), At(3, 1),
                    [new JsonObject { ["providerId"] = "mock", ["sku"] = "m1-small", ["tierMode"] = "graduated",
                        ["tiers"] = new JsonArray(new JsonObject { ["upTo"] = "30", ["unitPrice"] = "0.30" }, new JsonObject { ["unitPrice"] = "0.20" }) }]);
                await using (var scope = host.Services.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
                    db.AddRange(Enumerable.Range(0, 12).Select(i => Metered($"{tenantId}-{i}", $"{tenantId}-vm{i % 5}", At(3, 2).AddHours(i * 7), At(3, 2).AddHours((i * 7) + 13), tenantId)));
                    await db.SaveChangesAsync(Ct);
                }

                first = await RateAsync(host, At(4, 1), tenantId);
            }

            await using (var host = ApiFactory.On(data, ApiFactory.AdminKey, deleteOnDispose: false))
            {
                await using (var scope = host.Services.CreateAsyncScope())
                {
                    await scope.ServiceProvider.GetRequiredService<BrokerDbContext>().Set<Charge>().Where(c => c.TenantId == tenantId).ExecuteDeleteAsync(Ct);
                }

                second = await RateAsync(host, At(4, 1), tenantId);
            }

            Assert.True(first.Count >= 6, $"only {first.Count} charges");
            Assert.Equal(first, second);
            Assert.Equal((30 * 0.30m) + (((12 * 13) - 30) * 0.20m), first.Sum(c => c.Item5)); // 156 machine-hours: 30 at 0.30, the rest at 0.20
        }
        finally
        {
            ApiFactory.DeleteData(data);
        }
    }

    private Task<List<(string Id, DateTime Day, decimal Quantity, decimal ListAmount, decimal ContractedAmount, decimal BilledAmount, string PriceBookId)>> RateInFreshContextAsync(
        DateTime watermark, string tenantId) => RateAsync(factory, watermark, tenantId);

    private static async Task<List<(string Id, DateTime Day, decimal Quantity, decimal ListAmount, decimal ContractedAmount, decimal BilledAmount, string PriceBookId)>> RateAsync(
        ApiFactory host, DateTime watermark, string tenantId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        await new RatingRun(db, new PublishedPrices(), new BillingPeriods(db, Options.Create(new AccountingOptions())), scope.ServiceProvider.GetRequiredService<BudgetRecount>(), scope.ServiceProvider.GetRequiredService<BudgetAlerts>(), TimeProvider.System).RateAsync(At(3, 1), watermark, Ct);
        return [.. (await db.Set<Charge>().AsNoTracking().Where(c => c.TenantId == tenantId).ToListAsync(Ct))
            .OrderBy(c => c.Id, StringComparer.Ordinal)
            .Select(c => (c.Id, c.Day, c.Quantity, c.ListAmount, c.ContractedAmount, c.BilledAmount, c.PriceBookId))];
    }

    private static UsageInterval Metered(string id, string instanceId, DateTime start, DateTime? end, string tenantId) =>
        Usage(id, instanceId, start, end, Meters.InstanceHours, 1m, tenantId, "mock", "m1-small");
}
