using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Accounting.Exports;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;
using static CloudBroker.Api.Tests.Accounting.PeriodFixtures;
using static CloudBroker.Api.Tests.Accounting.RatingFixtures;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Accounting;

/// <summary>
/// The revisions nobody asks for: as rating covers each day of an open period, every tenant with charges in it gets one
/// revision of it (a second round, or a day with no new charges, makes no second one for that day); a request through
/// the API still makes a revision in between; once the period closes, exactly one final revision, and nothing after it.
/// </summary>
public sealed class ExportScheduleTests(ExportScheduleFactory factory) : IClassFixture<ExportScheduleFactory>
{
    private const int Year = 2025; // a past year: finance may request its periods; this class's database is its own

    [Fact]
    public async Task Each_day_rating_covers_gets_one_revision_and_the_closed_period_one_final()
    {
        var (a, b, idle) = (UniqueName("sched-a"), UniqueName("sched-b"), UniqueName("sched-idle"));
        using var admin = factory.CreateAdminClient();
        using var financeA = factory.CreateAdminClient(await factory.AddUserKeyAsync(a + "-finance", "finance", a));
        using var financeB = factory.CreateAdminClient(await factory.AddUserKeyAsync(b + "-finance", "finance", b));
        using var financeIdle = factory.CreateAdminClient(await factory.AddUserKeyAsync(idle + "-finance", "finance", idle));
        await admin.PublishBookAsync(UniqueName("rates"), At(1, 1, year: Year), [PriceBookCalls.Line("mock", "m1-small", "0.50")]);
        await factory.AddUsageAsync(
            Machine($"{a}-vm", At(1, 1, 10, Year), At(1, 20, year: Year), a),
            Machine($"{b}-vm", At(1, 2, 8, Year), At(1, 2, 10, Year), b));
        const string january = "2025-01";

        await factory.RateToAsync(At(1, 1, 12, Year));
        Assert.Equal(0, await factory.ScheduleAsync()); // no whole day rated yet

        await factory.RateToAsync(At(1, 2, year: Year).AddMinutes(5));
        Assert.Equal(1, await factory.ScheduleAsync()); // a's first day; b has no charge yet
        Assert.Equal(0, await factory.ScheduleAsync()); // the same day again: nothing
        await factory.RateToAsync(At(1, 3, year: Year).AddMinutes(5));
        Assert.Equal(2, await factory.ScheduleAsync());
        await financeA.BuiltExportsAsync(a, january);

        // Finance still asks for one when it wants: the next revision, not a scheduled one.
        Assert.Equal(HttpStatusCode.Accepted, (await financeA.PostAsync("/api/exports", Body(new JsonObject { ["tenantId"] = a, ["billingPeriod"] = january }), Ct)).StatusCode);
        await financeA.BuiltExportsAsync(a, january);
        await factory.RateToAsync(At(1, 4, year: Year).AddMinutes(5));
        Assert.Equal(2, await factory.ScheduleAsync()); // b has no new charge, but the day is covered: its revision says so

        // Days without a round (a worker down) get no revision of their own: a revision made later could not show them.
        await factory.RateToAsync(At(2, 1, year: Year).AddMinutes(5));
        Assert.Equal(2, await factory.ScheduleAsync());
        await financeA.BuiltExportsAsync(a, january);
        await factory.RateToAsync(At(2, 2, 23, Year)); // within the grace: January's days are all covered, February has no charge
        Assert.Equal(0, await factory.ScheduleAsync());

        // January closes: one final each, and nothing after it.
        await factory.RateToAsync(At(2, 3, year: Year).AddSeconds(1));
        var periods = JsonNode.Parse(await (await financeA.GetAsync("/api/billing-periods", Ct)).Content.ReadAsStringAsync(Ct))!.AsArray();
        Assert.Equal("closed", (string?)periods.Single(p => (string?)p!["period"] == january)!["status"]);
        Assert.Equal(2, await factory.ScheduleAsync());
        Assert.Equal(0, await factory.ScheduleAsync());
        await factory.RateToAsync(At(2, 6, year: Year));
        Assert.Equal(0, await factory.ScheduleAsync());

        var exportsA = await financeA.BuiltExportsAsync(a, january);
        Assert.Equal(
            [(1, "2025-01-01", false), (2, "2025-01-02", false), (3, null, false), (4, "2025-01-03", false), (5, "2025-01-31", false), (6, "final", true)],
            exportsA.Select(e => ((int)e["revision"]!, (string?)e["schedule"], (bool)e["final"]!)));
        Assert.Equal(
            [(1, "2025-01-02", false), (2, "2025-01-03", false), (3, "2025-01-31", false), (4, "final", true)],
            (await financeB.BuiltExportsAsync(b, january)).Select(e => ((int)e["revision"]!, (string?)e["schedule"], (bool)e["final"]!)));
        Assert.Empty(await financeIdle.BuiltExportsAsync(idle, january));

        // Each revision holds what was rated when it was made; the final one the closed period.
        var daily = exportsA[1]["manifest"]!;
        Assert.Equal(("open", "2025-01-03T00:05:00Z"), ((string?)daily["periodStatus"], (string?)daily["usageWatermark"]));
        Assert.StartsWith("19.04166", (string?)daily["billedCost"]![0]!["sum"], StringComparison.Ordinal); // 14 h + 24 h + 5 min at 0.50
        var final = exportsA[5]["manifest"]!;
        Assert.Equal(("closed", "2025-02-01T00:00:00Z", ExportManifest.Text(ExportManifest.Units(223m))), // 14 h + 18 days at 0.50
            ((string?)final["periodStatus"], (string?)final["usageWatermark"], (string?)final["billedCost"]![0]!["sum"]));
    }
}
