using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Accounting.Metering;
using CloudBroker.Accounting.Rating;
using CloudBroker.Api.Tests.Accounting;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Drivers.Mock;
using CloudBroker.Persistence;
using CloudBroker.Quotas.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Quotas;

/// <summary>
/// Budgets from rated cost, as a tenant meets them: after a rating run the budget's <c>used</c> is the month's rated
/// cost and <c>reserved</c> the estimate from the watermark on; a create that rated cost plus estimates leave no room for
/// is refused; rating runs beside acceptances leave every counter equal to what it is made of; a machine stopped behind
/// the broker stops costing; the warning thresholds are percentages of the limit.
/// </summary>
public sealed class RatedBudgetTests(QuotaFactory factory) : IClassFixture<QuotaFactory>
{
    private const decimal Hourly = QuotaFactory.PricedHourly;

    [Fact]
    public async Task After_a_rating_run_used_is_the_rated_cost_and_reserved_the_estimate_from_the_watermark()
    {
        var (tenantId, member) = await factory.NewTenantAsync("rated");
        var id = (string)(await member.CreateRunningAsync(InstanceCalls.Request(UniqueName("rated"), "priced")))["id"]!;
        await Task.Delay(1500, Ct);
        await factory.WaitForMeteringAsync();
        var watermark = await RateAsync();

        var used = RoundedUp(Cost(Hourly, await factory.IntervalsAsync(id), DateTime.MinValue, watermark));
        var reserved = EstimateFrom(watermark);
        Assert.True(used > 0.0005m, $"rated {used}");
        foreach (var (scope, scopeId) in new[] { ("tenant", tenantId), ("group", tenantId + "-default"), ("user", tenantId + "-member") })
        {
            var budget = (await member.UsageAsync(scope, scopeId))["budget"]!;
            Assert.Equal((used, reserved), (Money(budget["used"]), Money(budget["reserved"])));
        }

        await AssertCountersAreWhatTheyAreMadeOfAsync(tenantId);
    }

    [Fact]
    public async Task A_create_is_refused_when_rated_cost_and_the_estimates_exceed_the_budget()
    {
        var (tenantId, member) = await factory.NewTenantAsync("dear");
        using var admin = factory.CreateAdminClient();
        var id = (string)(await member.CreateRunningAsync(InstanceCalls.Request(UniqueName("dear"), "priced")))["id"]!;

        // Its price for this tenant was 3600 an hour until a moment from now (a negotiated line published late): the
        // estimate made at acceptance knew nothing of it, rating does.
        var dearUntil = DateTime.UtcNow.AddSeconds(2).ToStoredPrecision(); // as the book stores it
        await PublishDearStretchAsync(admin, tenantId, dearUntil);
        await Task.Delay(dearUntil - DateTime.UtcNow + TimeSpan.FromMilliseconds(300), Ct);
        await factory.WaitForMeteringAsync();
        var watermark = await RateAsync();

        var intervals = await factory.IntervalsAsync(id);
        var used = RoundedUp(Cost(3600m, intervals, DateTime.MinValue, dearUntil) + Cost(Hourly, intervals, dearUntil, watermark));
        var budget = (await member.UsageAsync("tenant", tenantId))["budget"]!;
        Assert.Equal(used, Money(budget["used"]));
        Assert.True(used > 1m, $"rated {used}");

        // Room for the estimates of both machines and half the rated cost: the estimate alone would fit, rated cost does not.
        var limit = decimal.Round(Money(budget["reserved"]) + EstimateFrom(DateTime.UtcNow) + (used / 2), 2);
        await admin.SetQuotaAsync("tenant", tenantId, new JsonObject { ["budget"] = limit.ToString(CultureInfo.InvariantCulture) });
        using (var refused = await member.PostAsync(InstanceCalls.Request(UniqueName("dear"), "priced")))
        {
            var problem = await QuotaCalls.ExpectQuotaExceededAsync(refused, "tenant", tenantId, "budget");
            Assert.Equal((used, Money(budget["reserved"])), (Money(problem["used"]), Money(problem["reserved"])));
        }

        await admin.SetQuotaAsync("tenant", tenantId, new JsonObject { ["budget"] = (limit + used).ToString(CultureInfo.InvariantCulture) });
        var (status, text, _) = await member.TryCreateAsync(InstanceCalls.Request(UniqueName("dear"), "priced"));
        Assert.True(status == HttpStatusCode.Accepted, $"{(int)status}: {text}");
    }

    [Fact]
    public async Task Rating_runs_beside_accepted_creates_count_nothing_twice_and_lose_nothing()
    {
        var (tenantId, member) = await factory.NewTenantAsync("race");
        await member.CreateRunningAsync(InstanceCalls.Request(UniqueName("race"), "priced"));
        await factory.WaitForMeteringAsync();

        using var stop = new CancellationTokenSource();
        var rating = Task.Run(async () =>
        {
            var runs = 0;
            while (!stop.IsCancellationRequested || runs < 3)
            {
                await RateAsync();
                runs++;
            }

            return runs;
        }, Ct);
        var creates = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => member.TryCreateAsync(InstanceCalls.Request(UniqueName("race"), "priced"))));
        Assert.All(creates, c => Assert.True(c.Status == HttpStatusCode.Accepted, $"{(int)c.Status}: {c.Body}"));
        foreach (var (_, _, instanceId) in creates)
        {
            await member.WaitForStateAsync(instanceId!, "running");
        }

        stop.Cancel();
        Assert.True(await rating >= 3);
        await factory.WaitForMeteringAsync();
        await AssertCountersAreWhatTheyAreMadeOfAsync(tenantId);
        await RateAsync();
        await AssertCountersAreWhatTheyAreMadeOfAsync(tenantId);
    }

    [Fact]
    public async Task A_machine_stopped_behind_the_broker_lowers_what_the_budget_holds_after_the_next_run()
    {
        var (tenantId, member) = await factory.NewTenantAsync("drift");
        using var admin = factory.CreateAdminClient();
        var id = (string)(await member.CreateRunningAsync(InstanceCalls.Request(UniqueName("drift"), "priced")))["id"]!;
        await factory.WaitForMeteringAsync();
        var firstRun = await RateAsync();
        var first = (await member.UsageAsync("tenant", tenantId))["budget"]!;
        var before = Held(first);

        var machine = await Reconciliations.MachineOfAsync(factory.Driver("priced"), id);
        await using (var console = MockConsole.Open(factory.DataDirectory, "priced"))
        {
            await console.PowerOffAsync(machine.Id, Ct);
        }

        await admin.ReconcileAsync("priced");
        await member.WaitForStateAsync(id, "stopped");
        await factory.WaitForMeteringAsync();
        await Task.Delay(3000, Ct);
        var watermark = await RateAsync();

        var intervals = await factory.IntervalsAsync(id);
        var stoppedAt = intervals.Single(u => u.Meter == Meters.InstanceHours).End!.Value;
        var budget = (await member.UsageAsync("tenant", tenantId))["budget"]!;
        Assert.Equal(RoundedUp(Cost(Hourly, intervals, DateTime.MinValue, watermark)), Money(budget["used"])); // nothing since the stop
        Assert.Equal(EstimateFrom(watermark), Money(budget["reserved"])); // a stopped machine keeps its allocation
        // Down by the stretch since the stop that the estimate counted and rating did not (less a second: estimates count whole seconds).
        Assert.True(Held(budget) <= before - (Hourly * (decimal)(watermark - stoppedAt - TimeSpan.FromSeconds(1)).TotalHours),
            $"held {Held(budget)} ({budget["used"]} + {budget["reserved"]}), {before} ({first["used"]} + {first["reserved"]} at {firstRun:O}) before the stop at {stoppedAt:O}, rated to {watermark:O}; " + string.Join("; ", intervals.Select(u => $"{u.Meter} {u.Start:O}-{u.End:O}")));
        await AssertCountersAreWhatTheyAreMadeOfAsync(tenantId);
    }

    [Fact]
    public async Task Budget_thresholds_default_to_50_75_90_100_percent_and_show_which_are_crossed()
    {
        var (tenantId, member) = await factory.NewTenantAsync("pct");
        using var admin = factory.CreateAdminClient();
        var quota = await admin.SetQuotaAsync("user", tenantId + "-member", new JsonObject { ["budget"] = "1000" });
        Assert.Equal([50, 75, 90, 100], quota["warnAt"]!["budget"]!.AsArray().Select(p => (int)p!));
        var usage = (await member.UsageAsync("user", tenantId + "-member"))["budget"]!;
        Assert.Equal([50, 75, 90, 100], Ints(usage["warnAt"]));
        Assert.Equal((0, false), (usage["crossed"]!.AsArray().Count, (bool)usage["warning"]!));

        // One machine's estimate is 80 % of the limit: 50 and 75 are crossed, 90 is not.
        var limit = decimal.Round(EstimateFrom(DateTime.UtcNow) / 0.8m, 2);
        await admin.SetQuotaAsync("user", tenantId + "-member", new JsonObject { ["budget"] = limit.ToString(CultureInfo.InvariantCulture) });
        await member.CreateAsync(InstanceCalls.Request(UniqueName("pct"), "priced"));
        usage = (await member.UsageAsync("user", tenantId + "-member"))["budget"]!;
        Assert.Equal([50, 75], Ints(usage["crossed"]));
        Assert.True((bool)usage["warning"]!);

        quota = await admin.SetQuotaAsync("user", tenantId + "-member",
            new JsonObject { ["budget"] = limit.ToString(CultureInfo.InvariantCulture) }, new JsonObject { ["budget"] = new JsonArray(100, 60, 79, 60) });
        Assert.Equal([60, 79, 100], quota["warnAt"]!["budget"]!.AsArray().Select(p => (int)p!)); // sorted, once each
        usage = (await member.UsageAsync("user", tenantId + "-member"))["budget"]!;
        Assert.Equal([60, 79, 100], Ints(usage["warnAt"]));
        Assert.Equal([60, 79], Ints(usage["crossed"]));

        await admin.SetQuotaAsync("user", tenantId + "-member", new JsonObject { ["budget"] = "1000" }, new JsonObject { ["budget"] = new JsonArray() });
        usage = (await member.UsageAsync("user", tenantId + "-member"))["budget"]!;
        Assert.Equal((0, false), (usage["warnAt"]!.AsArray().Count, (bool)usage["warning"]!));
    }

    [Fact]
    public async Task Bad_budget_thresholds_are_400_naming_the_threshold_and_the_limit()
    {
        var (tenantId, _) = await factory.NewTenantAsync("badpct");
        using var admin = factory.CreateAdminClient();
        foreach (var (thresholds, pointer, min, max) in new[]
        {
            (new JsonArray(50, 0), "/warnAt/budget/1", 1L, 1000L),
            (new JsonArray(1001), "/warnAt/budget/0", 1L, 1000L),
            (new JsonArray(-5, 50), "/warnAt/budget/0", 1L, 1000L),
        })
        {
            using var response = await admin.PutQuotaAsync("tenant", tenantId, new JsonObject(), new JsonObject { ["budget"] = thresholds }, await admin.ETagAsync("tenant", tenantId));
            var error = await ExpectFieldErrorAsync(response, pointer);
            Assert.Equal((min, max), ((long)error["limit"]!["min"]!, (long)error["limit"]!["max"]!));
        }

        using (var tooMany = await admin.PutQuotaAsync("tenant", tenantId, new JsonObject(),
            new JsonObject { ["budget"] = new JsonArray([.. Enumerable.Range(1, 11).Select(p => (JsonNode)p)]) }, await admin.ETagAsync("tenant", tenantId)))
        {
            var error = await ExpectFieldErrorAsync(tooMany, "/warnAt/budget");
            Assert.Equal(10, (long)error["limit"]!["max"]!);
        }

        using var text = await admin.PutQuotaAsync("tenant", tenantId, new JsonObject(), new JsonObject { ["budget"] = "900" }, await admin.ETagAsync("tenant", tenantId));
        Assert.Equal(HttpStatusCode.BadRequest, text.StatusCode); // the old shape: one amount
        Assert.Equal([50, 75, 90, 100], (await admin.SetQuotaAsync("tenant", tenantId, new JsonObject()))["warnAt"]!["budget"]!.AsArray().Select(p => (int)p!));
    }

    /// <summary>Runs rating to now, as the rating worker does (this fixture runs it only here); returns the watermark.</summary>
    private async Task<DateTime> RateAsync()
    {
        var watermark = DateTime.UtcNow.ToStoredPrecision();
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RatingRun>().RunAsync(watermark, Ct);
        return watermark;
    }

    /// <summary>A negotiated price of 3600 an hour for the tenant's m1-small on <c>priced</c>, from an hour ago until <paramref name="until"/>.</summary>
    private static async Task PublishDearStretchAsync(HttpClient admin, string tenantId, DateTime until)
    {
        using var created = await admin.PostAsync("/api/price-books", Body(new JsonObject
        {
            ["name"] = UniqueName("dear"),
            ["currency"] = "USD",
            ["effectiveFrom"] = DateTime.UtcNow.AddHours(-1),
            ["effectiveTo"] = until,
            ["lines"] = new JsonArray(PriceBookCalls.Line("priced", "m1-small", "3600", tenantId)),
            ["contracts"] = new JsonArray(),
        }), Ct);
        var version = await ExpectJsonAsync(created, HttpStatusCode.Created);
        using var published = await admin.PublishAsync((string)version["priceBookId"]!, 1, created.Headers.ETag!.ToString());
        await ExpectJsonAsync(published, HttpStatusCode.OK);
    }

    /// <summary>
    /// Every budget counter of the tenant's scopes (and of the providers its machines run on) equals, to the micro-unit,
    /// what it is made of, summed here apart from the product's statements: <c>used</c> = the month's billed charges of the
    /// scope's machines rounded up, <c>reserved</c> = the budgets of its ledger lines of the month.
    /// </summary>
    private async Task AssertCountersAreWhatTheyAreMadeOfAsync(string tenantId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        var now = DateTime.UtcNow;
        var (monthStart, period) = (new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc), now.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        var lines = await db.Set<Reservation>().AsNoTracking().Where(r => r.Kind == ReservationKinds.Allocation).ToListAsync(Ct);
        var billed = (await db.Set<Charge>().AsNoTracking().Where(c => c.Day >= monthStart).Select(c => new { c.InstanceId, c.BilledAmount }).ToListAsync(Ct))
            .GroupBy(c => c.InstanceId).ToDictionary(g => g.Key, g => g.Sum(c => c.BilledAmount));
        var mine = lines.Where(l => l.TenantId == tenantId).ToList();
        var scopes = mine.Select(l => ("tenant", l.TenantId)).Concat(mine.Select(l => ("group", l.GroupId))).Concat(mine.Select(l => ("user", l.UserId)))
            .Concat(mine.Select(l => ("provider", l.ProviderId))).Distinct().ToList();
        using var admin = factory.CreateAdminClient();
        foreach (var (name, scopeId) in scopes)
        {
            var counted = lines.Where(l => name switch
            {
                "tenant" => l.TenantId == scopeId,
                "group" => l.GroupId == scopeId,
                "user" => l.UserId == scopeId,
                _ => l.ProviderId == scopeId,
            }).ToList();
            var used = RoundedUp(counted.Sum(l => billed.GetValueOrDefault(l.InstanceId)));
            var reserved = counted.Where(l => l.Period == period).Sum(l => l.BudgetMicros) / 1_000_000m;
            var budget = (await admin.UsageAsync(name, scopeId))["budget"]!;
            Assert.True((used, reserved) == (Money(budget["used"]), Money(budget["reserved"])),
                $"{name} {scopeId}: counted used {budget["used"]} and reserved {budget["reserved"]}, made of {used} and {reserved}");
        }
    }

    /// <summary>What the machine's running (its instance-hours intervals) from <paramref name="from"/> to <paramref name="until"/> costs at <paramref name="hourly"/>.</summary>
    private static decimal Cost(decimal hourly, IEnumerable<UsageInterval> intervals, DateTime from, DateTime until) => intervals
        .Where(u => u.Meter == Meters.InstanceHours)
        .Select(u => (Start: u.Start > from ? u.Start : from, End: u.End is { } end && end < until ? end : until))
        .Where(u => u.End > u.Start)
        .Sum(u => hourly * (u.End - u.Start).Ticks / TimeSpan.TicksPerHour); // multiplied first: exact whenever the amount is

    /// <summary>The estimate for one priced machine from <paramref name="from"/> to the month's end: seconds rounded up, then micro-units rounded up.</summary>
    private static decimal EstimateFrom(DateTime from)
    {
        var monthEnd = new DateTime(from.Year, from.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
        return RoundedUp(Hourly * (decimal)Math.Ceiling((monthEnd - from).TotalSeconds) / 3600m);
    }

    private static decimal RoundedUp(decimal amount) => decimal.Ceiling(amount * 1_000_000m) / 1_000_000m;

    private static decimal Held(JsonNode budget) => Money(budget["used"]) + Money(budget["reserved"]);

    private static int[] Ints(JsonNode? array) => [.. array!.AsArray().Select(p => (int)p!)];

    private static decimal Money(JsonNode? node) => decimal.Parse((string)node!, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
}
