using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Accounting.Rating;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;
using static CloudBroker.Api.Tests.Accounting.PeriodFixtures;
using static CloudBroker.Api.Tests.Accounting.RatingFixtures;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Accounting;

/// <summary>
/// <c>GET /api/costs</c>: for every grouping and granularity the sums equal the charges (regular and corrections, a
/// closed month among them) exactly, read page by page; tags group by value with the untagged rest under no key; each
/// caller sees what it may read — a member its own and its groups' machines, its tenant's readers the tenant, the
/// broker's finance every tenant — and a member of another tenant none of it; bad parameters are problems naming the
/// parameter and its limit.
/// </summary>
public sealed class ShowbackTests(RatingFactory factory) : IClassFixture<RatingFactory>
{
    private const int Year = 2032;

    [Fact]
    public async Task Costs_equal_the_charges_for_every_grouping_and_granularity_and_each_caller_sees_what_it_may_read()
    {
        var tenantId = UniqueName("showback");
        var otherId = UniqueName("elsewhere");
        var lab = tenantId + "-lab";
        var alice = tenantId + "-alice";
        var bob = tenantId + "-bob";
        using var aliceClient = factory.CreateAdminClient(await factory.AddUserKeyAsync(alice, "member", tenantId)); // in the default group
        await factory.AddUserKeyAsync(bob, "member", tenantId, lab);
        using var finance = factory.CreateAdminClient(await factory.AddUserKeyAsync(tenantId + "-finance", "finance", tenantId));
        using var tenantAdmin = factory.CreateAdminClient(await factory.AddUserKeyAsync(tenantId + "-admin", "tenant-admin", tenantId));
        using var outsider = factory.CreateAdminClient(await factory.AddUserKeyAsync(otherId + "-member", "member", otherId));
        using var brokerFinance = factory.CreateAdminClient(await factory.AddUserKeyAsync(UniqueName("broker-finance"), "finance"));
        using var admin = factory.CreateAdminClient();
        await admin.PublishBookAsync(UniqueName("rates"), At(1, 1, year: Year),
            [PriceBookCalls.Line("mock", "m1-small", "0.50"), PriceBookCalls.Line("mock", "m1-small", "0.40", tenantId)]);

        var defaultGroup = tenantId + "-default";
        await factory.AddUsageAsync(
            Machine($"{tenantId}-1", At(1, 30, 20, Year), At(2, 1, 4, Year), tenantId, defaultGroup, alice, "zone-a", """{"env":"prod","team":"web"}"""),
            Machine($"{tenantId}-2", At(1, 31, 1, Year), At(1, 31, 6, Year), tenantId, lab, bob, null, """{"env":"dev"}"""),
            Machine($"{tenantId}-3", At(2, 2, 0, Year), At(2, 2, 5, Year), tenantId, defaultGroup, bob, "zone-b", """{"env":"dev"}"""),
            Machine($"{tenantId}-3", At(2, 2, 5, Year), At(2, 2, 9, Year), tenantId, defaultGroup, bob, "zone-b", """{"env":"prod"}"""), // tags changed
            Machine($"{tenantId}-4", At(2, 3, 12, Year), At(2, 4, 2, Year), tenantId, lab, alice, null),
            Machine($"{tenantId}-5", At(2, 5, 0, Year), At(2, 5, 8, Year), tenantId, lab, bob, "zone-a", """{"team":"data"}"""),
            Machine($"{otherId}-1", At(2, 6, 0, Year), At(2, 6, 10, Year), otherId, otherId + "-default", otherId + "-member"));
        var january = At(1, 1, year: Year);
        await factory.RateAsync(january, At(2, 3, year: Year).AddSeconds(1)); // January closes
        await factory.AddUsageAsync(Machine($"{tenantId}-6", At(1, 15, 2, Year), At(1, 15, 5, Year), tenantId, lab, bob, null, """{"env":"prod"}""")); // late
        await factory.RateAsync(january, At(2, 15, year: Year));

        var charges = await factory.ChargesAsync(tenantId);
        var others = await factory.ChargesAsync(otherId);
        Assert.NotEmpty(others);
        Assert.Contains(charges, c => c.ChargeClass == ChargeClasses.Correction);
        Assert.Equal(2, charges.Count(c => c.InstanceId == $"{tenantId}-3")); // one per tag set that day
        var groupings = new Dictionary<string, Func<Charge, string?>>
        {
            ["tenant"] = c => c.TenantId,
            ["group"] = c => c.GroupId,
            ["user"] = c => c.OwnerId,
            ["provider"] = c => c.ProviderId,
            ["realm"] = c => c.RealmId,
            ["tag:env"] = c => Tag(c, "env"),
            ["tag:team"] = c => Tag(c, "team"),
        };
        foreach (var (groupBy, keyOf) in groupings)
        {
            foreach (var granularity in new[] { "day", "month" })
            {
                var costs = await CostsAsync(finance, groupBy, granularity);
                Assert.Equal(Expected(charges, keyOf, granularity), costs);
            }
        }

        Assert.Equal(Expected(charges, c => c.TenantId, "month"), await CostsAsync(tenantAdmin, "tenant", "month"));
        Assert.Equal(Expected([.. charges, .. others], c => c.TenantId, "month"), await CostsAsync(brokerFinance, "tenant", "month"));
        Assert.Equal(Expected([.. charges, .. others], c => c.GroupId, "day"), await CostsAsync(admin, "group", "day"));
        Assert.Equal(Expected(charges.Where(c => c.OwnerId == alice || c.GroupId == defaultGroup), c => c.GroupId, "day"),
            await CostsAsync(aliceClient, "group", "day")); // her own machine in the lab, and bob's in her group
        Assert.Equal(Expected(others, c => c.TenantId, "month"), await CostsAsync(outsider, "tenant", "month"));
        Assert.DoesNotContain(await CostsAsync(outsider, "user", "day"), item => item.Key.Key?.StartsWith(tenantId, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Bad_parameters_are_problems_naming_the_parameter_and_its_limit()
    {
        using var admin = factory.CreateAdminClient();
        var groupBy = await ExpectParameterErrorAsync(await admin.GetAsync("/api/costs?groupBy=instance", Ct), "groupBy");
        Assert.Contains("tag:<key>", Strings(groupBy["limit"]!["values"]));
        var tag = await ExpectParameterErrorAsync(await admin.GetAsync($"/api/costs?groupBy=tag:{new string('k', 129)}", Ct), "groupBy");
        Assert.Equal(132, (int?)tag["limit"]!["maxLength"]);
        var granularity = await ExpectParameterErrorAsync(await admin.GetAsync("/api/costs?granularity=week", Ct), "granularity");
        Assert.Equal(["day", "month"], Strings(granularity["limit"]!["values"]));
        var span = await ExpectParameterErrorAsync(await admin.GetAsync("/api/costs?granularity=day&from=2032-01-01&to=2033-01-03", Ct), "to");
        Assert.Equal(366, (int?)span["limit"]!["max"]);
        await ExpectParameterErrorAsync(await admin.GetAsync("/api/costs?from=2032-02-01&to=2032-02-01", Ct), "to");
        await ExpectParameterErrorAsync(await admin.GetAsync("/api/costs?from=2032-2-1", Ct), "from");
        await ExpectParameterErrorAsync(await admin.GetAsync("/api/costs?limit=0", Ct), "limit");
    }

    /// <summary>Every page of the costs, by (key, period).</summary>
    private static async Task<Dictionary<(string? Key, string Period), (decimal List, decimal Billed)>> CostsAsync(HttpClient client, string groupBy, string granularity)
    {
        var costs = new Dictionary<(string?, string), (decimal, decimal)>();
        var url = $"/api/costs?groupBy={groupBy}&granularity={granularity}&from={Year}-01-01&to={Year}-03-01&limit=3";
        string? next = null;
        do
        {
            var page = await ExpectJsonAsync(await client.GetAsync(url + (next is null ? "" : "&cursor=" + next), Ct), HttpStatusCode.OK);
            Assert.Equal("USD", (string?)page["currency"]);
            foreach (var item in page["items"]!.AsArray().Select(i => i!.AsObject()))
            {
                AssertMembers(item, "key", "period", "listCost", "billedCost");
                Assert.True(costs.TryAdd(((string?)item["key"], (string)item["period"]!), (Amount(item["listCost"]), Amount(item["billedCost"]))), $"repeated {item.ToJsonString()}");
            }

            next = (string?)page["next"];
        }
        while (next is not null);
        return costs;
    }

    private static Dictionary<(string? Key, string Period), (decimal List, decimal Billed)> Expected(IEnumerable<Charge> charges, Func<Charge, string?> keyOf, string granularity) =>
        charges.GroupBy(c => (keyOf(c), c.Day.ToString(granularity == "day" ? "yyyy-MM-dd" : "yyyy-MM", CultureInfo.InvariantCulture)))
            .ToDictionary(g => g.Key, g => (g.Sum(c => c.ListAmount), g.Sum(c => c.BilledAmount)));

    private static string? Tag(Charge charge, string key) =>
        JsonNode.Parse(charge.Tags)!.AsObject().TryGetPropertyValue(key, out var value) ? (string?)value : null;

    private static decimal Amount(JsonNode? node) => decimal.Parse((string)node!, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
}
