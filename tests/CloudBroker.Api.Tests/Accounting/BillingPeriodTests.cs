using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Accounting.Metering;
using CloudBroker.Accounting.Periods;
using CloudBroker.Accounting.Rating;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static CloudBroker.Api.Tests.Accounting.PeriodFixtures;
using static CloudBroker.Api.Tests.Accounting.RatingFixtures;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Accounting;

/// <summary>
/// Billing periods: a month stays open through its grace (2 days), closes at the first rating run after it, and is
/// never written again; usage that arrives late for it, or vanishes from it, is billed as corrections in the open
/// period, pointing at the charges they correct, so the closed period's sums stay and every correction nets out to the
/// difference. Each test rates in its own year: periods are the broker's, not a tenant's.
/// </summary>
public sealed class BillingPeriodTests(RatingFactory factory) : IClassFixture<RatingFactory>
{
    [Fact]
    public async Task A_period_closes_after_its_grace_and_late_usage_becomes_corrections_in_the_open_period()
    {
        const int year = 2031;
        var tenantId = UniqueName("periods");
        using var finance = factory.CreateAdminClient(await factory.AddUserKeyAsync(tenantId + "-finance", "finance", tenantId));
        using var admin = factory.CreateAdminClient();
        await admin.PublishBookAsync(UniqueName("rates"), At(1, 1, year: year), [PriceBookCalls.Line("mock", "m1-small", "0.50", tenantId)]);
        var january = At(1, 1, year: year);
        await factory.AddUsageAsync(Machine($"{tenantId}-a", At(1, 10, 10, year), At(1, 10, 14, year), tenantId)); // 4 h
        await factory.RateAsync(january, At(1, 20, year: year));
        Assert.Equal("open", await StatusAsync(finance, $"{year}-01"));

        await factory.RateAsync(january, At(2, 2, 23, year)); // within the grace
        Assert.Equal("open", await StatusAsync(finance, $"{year}-01"));
        var closing = At(2, 3, year: year).AddSeconds(1);
        await factory.RateAsync(january, closing);
        var period = await PeriodAsync(finance, $"{year}-01");
        Assert.Equal(("closed", closing), ((string?)period["status"], AssertTimestamp(period["closedAt"]).UtcDateTime));
        Assert.Equal(At(2, 3, year: year), AssertTimestamp(period["closesAfter"]).UtcDateTime);
        var closed = await factory.ChargesAsync(tenantId);
        Assert.Equal([2.00m], closed.Select(c => c.BilledAmount));

        // Late: the machine ran two hours longer than metered, and another one ran 3 h on the 20th.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
            var first = await db.Set<UsageInterval>().SingleAsync(u => u.TenantId == tenantId, Ct);
            first.End = At(1, 10, 16, year);
            db.Add(Machine($"{tenantId}-b", At(1, 20, 0, year), At(1, 20, 3, year), tenantId));
            await db.SaveChangesAsync(Ct);
        }

        await factory.RateAsync(january, At(2, 10, year: year));
        await factory.RateAsync(january, At(2, 11, year: year)); // again: the same corrections, not twice
        var charges = await factory.ChargesAsync(tenantId);
        var january_ = charges.Where(c => c.BillingPeriod == january).ToList();
        Assert.Equal(Snapshot(closed), Snapshot(january_));
        var corrections = charges.Where(c => c.ChargeClass == ChargeClasses.Correction).ToList();
        Assert.Equal(2, corrections.Count);
        Assert.All(corrections, c => Assert.Equal(At(2, 1, year: year), c.BillingPeriod));
        var extension = corrections.Single(c => c.CorrectsChargeId == closed[0].Id);
        Assert.Equal((2m, 1.00m, At(1, 10, year: year)), (extension.Quantity, extension.BilledAmount, extension.Day));
        var late = corrections.Single(c => c.CorrectsChargeId != closed[0].Id);
        Assert.Equal((3m, 1.50m, At(1, 20, year: year), $"{tenantId}-b"), (late.Quantity, late.BilledAmount, late.Day, late.InstanceId));
        Assert.Equal(3.00m + 1.50m, january_.Sum(c => c.BilledAmount) + corrections.Sum(c => c.BilledAmount)); // January as rated now

        var page = await ExpectJsonAsync(await finance.GetAsync($"/api/charges?tenantId={tenantId}&from={year}-01-20&to={year}-01-21", Ct), HttpStatusCode.OK);
        var wire = page["items"]!.AsArray().Single()!;
        Assert.Equal(("Correction", late.CorrectsChargeId, $"{year}-02", "1.5"),
            ((string?)wire["chargeClass"], (string?)wire["correctsChargeId"], (string?)wire["billingPeriod"], (string?)wire["billedAmount"]));

        // February closes with its corrections; then the late machine's usage turns out never to have happened.
        await factory.RateAsync(january, At(3, 3, year: year).AddSeconds(1));
        Assert.Equal("closed", await StatusAsync(finance, $"{year}-02"));
        var februaryClosed = Snapshot((await factory.ChargesAsync(tenantId)).Where(c => c.BillingPeriod == At(2, 1, year: year)));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
            await db.Set<UsageInterval>().Where(u => u.InstanceId == $"{tenantId}-b").ExecuteDeleteAsync(Ct);
        }

        await factory.RateAsync(january, At(3, 5, year: year));
        var final = await factory.ChargesAsync(tenantId);
        Assert.Equal(Snapshot(closed), Snapshot(final.Where(c => c.BillingPeriod == january)));
        Assert.Equal(februaryClosed, Snapshot(final.Where(c => c.BillingPeriod == At(2, 1, year: year))));
        var march = final.Where(c => c.BillingPeriod == At(3, 1, year: year)).ToList();
        var reversal = Assert.Single(march);
        Assert.Equal((ChargeClasses.Correction, late.CorrectsChargeId, -3m, -1.50m), (reversal.ChargeClass, reversal.CorrectsChargeId, reversal.Quantity, reversal.BilledAmount));
        Assert.Equal(3.00m, final.Sum(c => c.BilledAmount)); // the 6 h that remain, across three periods
    }

    [Fact]
    public async Task A_deleted_tenant_and_group_keep_their_names_in_the_periods_that_bill_them()
    {
        const int year = 2033;
        using var admin = factory.CreateAdminClient();
        var tenantName = UniqueName("studio");
        var tenantId = await admin.CreateTenantAsync(tenantName);
        var defaultGroup = await admin.DefaultGroupAsync(tenantId);
        var farm = (string)(await admin.PostAsync("/api/groups", new JsonObject { ["name"] = "render-farm", ["tenantId"] = tenantId })).Body["id"]!;
        await admin.PublishBookAsync(UniqueName("rates"), At(1, 1, year: year), [PriceBookCalls.Line("mock", "m1-small", "0.50", tenantId)]);
        await factory.AddUsageAsync(
            Machine(Guid.NewGuid().ToString(), At(1, 10, 10, year), At(1, 10, 12, year), tenantId, farm),
            Machine(Guid.NewGuid().ToString(), At(1, 11, 10, year), At(1, 11, 12, year), tenantId, defaultGroup));

        // Both are gone before rating ever saw their usage: the deletes recorded the names.
        using (var deleted = await admin.DeleteAsync($"/api/groups/{farm}", Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using (var deleted = await admin.DeleteAsync($"/api/tenants/{tenantId}", Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        await factory.RateAsync(At(1, 1, year: year), At(2, 3, year: year).AddSeconds(1));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        var january = At(1, 1, year: year);
        var names = await db.Set<BillingPeriodName>().AsNoTracking().Where(n => n.TenantId == tenantId && n.Period == january).ToListAsync(Ct);
        (string, string, string)[] expected = [(BillingPeriodNameKinds.Group, defaultGroup, "default"), (BillingPeriodNameKinds.Group, farm, "render-farm"), (BillingPeriodNameKinds.Tenant, tenantId, tenantName)];
        Assert.Equal(expected.Order(), names.Select(n => (n.Kind, n.Id, n.Name)).Order());
        Assert.Equal(2, (await factory.ChargesAsync(tenantId)).Count);
    }

    private static List<(string, decimal, decimal, decimal, decimal)> Snapshot(IEnumerable<Charge> charges) =>
        [.. charges.OrderBy(c => c.Id, StringComparer.Ordinal).Select(c => (c.Id, c.Quantity, c.ListAmount, c.ContractedAmount, c.BilledAmount))];

    private static async Task<string?> StatusAsync(HttpClient finance, string month) => (string?)(await PeriodAsync(finance, month))["status"];

    private static async Task<System.Text.Json.Nodes.JsonNode> PeriodAsync(HttpClient finance, string month)
    {
        var periods = (await ReadAsync(await finance.GetAsync("/api/billing-periods", Ct))).AsArray();
        return periods.Single(p => (string?)p!["period"] == month)!;
    }
}
