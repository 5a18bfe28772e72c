using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Persistence;
using CloudBroker.Quotas.Ledger;
using CloudBroker.Quotas.Limits;
using CloudBroker.Quotas.Settlement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Quotas;

/// <summary>
/// What the instance lifecycle does to quota: running work becomes used, destroy gives it back, stop and
/// destroy are never refused, start is checked, a reservation whose work died is released by the sweeper,
/// and a budget refuses the create that would exceed the month.
/// </summary>
public sealed class QuotaLifecycleTests(QuotaFactory factory) : IClassFixture<QuotaFactory>
{
    [Fact]
    public async Task Destroy_frees_quota_for_a_create_refused_before_it()
    {
        var (tenantId, member) = await factory.NewTenantAsync("free");
        using var admin = factory.CreateAdminClient();
        await admin.SetQuotaAsync("tenant", tenantId, new JsonObject { ["instances"] = 1, ["memoryMiB"] = 1024 });
        var first = (string)(await member.CreateRunningAsync(InstanceCalls.Request(UniqueName("free"))))["id"]!;

        using (var refused = await member.PostAsync(InstanceCalls.Request(UniqueName("free"))))
        {
            await QuotaCalls.ExpectQuotaExceededAsync(refused, "tenant", tenantId, "instances");
        }

        await member.ActAsync(first, "destroy");
        await member.WaitForStateAsync(first, "terminated");
        var usage = await member.UsageAsync("tenant", tenantId);
        Assert.Equal(0, usage.Held("instances"));
        Assert.Equal(0, usage.Held("memoryMiB"));
        Assert.Equal(0, usage.Held("runningInstances"));

        var (status, text, _) = await member.TryCreateAsync(InstanceCalls.Request(UniqueName("free")));
        Assert.True(status == HttpStatusCode.Accepted, $"{(int)status}: {text}");
    }

    [Fact]
    public async Task Stop_reboot_and_destroy_are_never_refused_while_over_quota()
    {
        var (tenantId, member) = await factory.NewTenantAsync("over");
        using var admin = factory.CreateAdminClient();
        var a = (string)(await member.CreateRunningAsync(InstanceCalls.Request(UniqueName("over"))))["id"]!;
        var b = (string)(await member.CreateRunningAsync(InstanceCalls.Request(UniqueName("over"))))["id"]!;
        await admin.SetQuotaAsync("tenant", tenantId, new JsonObject { ["instances"] = 1, ["runningInstances"] = 1, ["cpu"] = 1 });
        Assert.Equal(2, (await member.UsageAsync("tenant", tenantId)).Held("instances")); // lowering a limit takes nothing away

        await member.WaitForOperationAsync((string)(await member.ActAsync(a, "stop"))["id"]!, "succeeded");
        await member.WaitForOperationAsync((string)(await member.ActAsync(b, "reboot"))["id"]!, "succeeded");
        await member.WaitForOperationAsync((string)(await member.ActAsync(b, "destroy"))["id"]!, "succeeded");
        await member.WaitForOperationAsync((string)(await member.ActAsync(a, "destroy"))["id"]!, "succeeded");
        Assert.Equal(0, (await member.UsageAsync("tenant", tenantId)).Held("instances"));
    }

    [Fact]
    public async Task Start_is_refused_when_running_instances_are_full_and_stop_frees_a_slot()
    {
        var (tenantId, member) = await factory.NewTenantAsync("run");
        using var admin = factory.CreateAdminClient();
        await admin.SetQuotaAsync("tenant", tenantId, new JsonObject { ["runningInstances"] = 1 });
        var a = (string)(await member.CreateRunningAsync(InstanceCalls.Request(UniqueName("run"))))["id"]!;
        await member.ActAsync(a, "stop");
        await member.WaitForStateAsync(a, "stopped");
        var b = (string)(await member.CreateRunningAsync(InstanceCalls.Request(UniqueName("run"))))["id"]!;

        using (var refused = await member.PostAsync($"/api/instances/{a}/start", null, Ct))
        {
            var problem = await QuotaCalls.ExpectQuotaExceededAsync(refused, "tenant", tenantId, "runningInstances");
            Assert.Equal((1, 1, 0, 1), ((long)problem["limit"]!, (long)problem["used"]!, (long)problem["reserved"]!, (long)problem["requested"]!));
        }

        Assert.Equal("stopped", (string?)(await member.WaitForStateAsync(a, "stopped"))["state"]); // the refusal changed nothing
        await member.ActAsync(b, "stop");
        await member.WaitForStateAsync(b, "stopped");
        await member.ActAsync(a, "start");
        await member.WaitForStateAsync(a, "running");
        var usage = await member.UsageAsync("tenant", tenantId);
        Assert.Equal((1, 0), ((long)usage["runningInstances"]!["used"]!, (long)usage["runningInstances"]!["reserved"]!));
        Assert.Equal(2, (long)usage["instances"]!["used"]!);
    }

    [Fact]
    public async Task A_reservation_whose_work_died_is_released_by_the_sweeper()
    {
        var (tenantId, member) = await factory.NewTenantAsync("dead");
        using var admin = factory.CreateAdminClient();
        await admin.SetQuotaAsync("tenant", tenantId, new JsonObject { ["instances"] = 1 });
        var (stuck, _) = await member.CreateAsync(InstanceCalls.Request(UniqueName("dead"), "stuck"));
        using (var refused = await member.PostAsync(InstanceCalls.Request(UniqueName("dead"))))
        {
            await QuotaCalls.ExpectQuotaExceededAsync(refused, "tenant", tenantId, "instances");
        }

        Assert.Equal(0, await SweepAsync()); // not expired yet: nothing released
        await ExpireAsync(stuck);
        Assert.Equal(2, await SweepAsync()); // its allocation and its running reservation
        var usage = await member.UsageAsync("tenant", tenantId);
        Assert.Equal((0, 0), ((long)usage["instances"]!["used"]!, (long)usage["instances"]!["reserved"]!));

        var (status, text, _) = await member.TryCreateAsync(InstanceCalls.Request(UniqueName("dead")));
        Assert.True(status == HttpStatusCode.Accepted, $"{(int)status}: {text}");
    }

    [Fact]
    public async Task An_instance_that_runs_after_its_reservation_expired_counts_as_used()
    {
        var (tenantId, member) = await factory.NewTenantAsync("late");
        var (slow, _) = await member.CreateAsync(InstanceCalls.Request(UniqueName("late"), "slow"));
        await ExpireAsync(slow);
        Assert.Equal(2, await SweepAsync());
        Assert.Equal(0, (await member.UsageAsync("tenant", tenantId)).Held("instances"));

        await member.WaitForStateAsync(slow, "running");
        var usage = await member.UsageAsync("tenant", tenantId);
        Assert.Equal((1, 0), ((long)usage["instances"]!["used"]!, (long)usage["instances"]!["reserved"]!));
        Assert.Equal(1, (long)usage["runningInstances"]!["used"]!);
    }

    [Fact]
    public async Task A_budget_refuses_the_create_that_would_exceed_the_month()
    {
        var (tenantId, member) = await factory.NewTenantAsync("money");
        using var admin = factory.CreateAdminClient();
        var now = DateTime.UtcNow;
        var monthEnd = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
        var oneMachine = QuotaFactory.PricedHourly * (decimal)(monthEnd - now).TotalHours; // the rest of this month
        var budget = decimal.Round(oneMachine * 2.5m, 2);
        await admin.SetQuotaAsync("user", tenantId + "-member", new JsonObject { ["budget"] = budget.ToString(CultureInfo.InvariantCulture) });

        await member.CreateAsync(InstanceCalls.Request(UniqueName("money"), "priced"));
        await member.CreateAsync(InstanceCalls.Request(UniqueName("money"), "priced"));
        using (var refused = await member.PostAsync(InstanceCalls.Request(UniqueName("money"), "priced")))
        {
            var problem = await QuotaCalls.ExpectQuotaExceededAsync(refused, "user", tenantId + "-member", "budget");
            Assert.Equal("USD", (string?)problem["currency"]);
            Assert.Equal(budget, Money(problem["limit"]));
            var requested = Money(problem["requested"]);
            Assert.InRange(requested, oneMachine - 0.01m, oneMachine + 0.01m);
            Assert.InRange(Money(problem["used"]) + Money(problem["reserved"]), (2 * oneMachine) - 0.02m, (2 * oneMachine) + 0.01m);
        }

        // A provider without prices costs nothing, so the budget never refuses its machines.
        await member.CreateAsync(InstanceCalls.Request(UniqueName("money"), "mock"));

        var usage = (await member.UsageAsync("user", tenantId + "-member"))["budget"]!.AsObject();
        Assert.Equal("USD", (string?)usage["currency"]);
        Assert.Equal(now.ToString("yyyy-MM", CultureInfo.InvariantCulture), (string?)usage["period"]);
        Assert.Equal(budget, Money(usage["limit"]));
        Assert.InRange(Money(usage["used"]) + Money(usage["reserved"]), (2 * oneMachine) - 0.02m, (2 * oneMachine) + 0.01m);
    }

    [Fact]
    public async Task A_new_month_rebases_the_budget_to_the_full_month_of_living_machines()
    {
        var (tenantId, member) = await factory.NewTenantAsync("month");
        var priced = (string)(await member.CreateRunningAsync(InstanceCalls.Request(UniqueName("month"), "priced")))["id"]!;
        await PretendLastMonthAsync(tenantId, priced);

        var now = DateTime.UtcNow;
        var monthStart = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var fullMonth = QuotaFactory.PricedHourly * (decimal)(monthStart.AddMonths(1) - monthStart).TotalHours;
        var shown = (await member.UsageAsync("tenant", tenantId))["budget"]!.AsObject();
        Assert.Equal((0m, fullMonth), (Money(shown["used"]), Money(shown["reserved"]))); // shown re-based before any save: nothing rated yet

        await member.CreateRunningAsync(InstanceCalls.Request(UniqueName("month"))); // a save that touches the tenant's counters
        foreach (var (scope, id) in new[] { ("tenant", tenantId), ("user", tenantId + "-member"), ("group", tenantId + "-default") })
        {
            var budget = (await member.UsageAsync(scope, id))["budget"]!.AsObject();
            Assert.Equal(now.ToString("yyyy-MM", CultureInfo.InvariantCulture), (string?)budget["period"]);
            Assert.Equal((0m, fullMonth), (Money(budget["used"]), Money(budget["reserved"])));
        }

        await member.ActAsync(priced, "destroy");
        await member.WaitForStateAsync(priced, "terminated");
        var left = QuotaFactory.PricedHourly * (decimal)(monthStart.AddMonths(1) - DateTime.UtcNow).TotalHours;
        Assert.InRange(Money((await member.UsageAsync("tenant", tenantId))["budget"]!["reserved"]), fullMonth - left - 0.01m, fullMonth - left + 0.01m);
    }

    /// <summary>Moves a tenant's counters and an instance's reservations into January 2000, with stale amounts, as if the month had turned since.</summary>
    private async Task PretendLastMonthAsync(string tenantId, string instanceId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        foreach (var reservation in await db.Set<Reservation>().Where(r => r.InstanceId == instanceId).ToListAsync(Ct))
        {
            reservation.Period = "2000-01";
            reservation.BudgetMicros = 123;
        }

        await db.SaveChangesAsync(Ct);
        foreach (var quota in await db.Set<Quota>().Where(q => q.TenantId == tenantId).ToListAsync(Ct))
        {
            quota.Period = "2000-01";
            quota.Budget.Used = 999_999;
        }

        await db.SaveChangesAsync(Ct);
    }

    private static decimal Money(JsonNode? node)
    {
        Assert.True(node?.GetValueKind() == System.Text.Json.JsonValueKind.String, $"money must be a decimal string, got {node?.ToJsonString()}");
        return decimal.Parse((string)node!, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
    }

    private async Task<int> SweepAsync() => await factory.Services.GetRequiredService<ReservationSweeper>().SweepAsync(Ct);

    /// <summary>Moves an instance's reservations' expiry into the past, as if its operation's deadline had long passed.</summary>
    private async Task ExpireAsync(string instanceId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        var past = DateTime.UtcNow.AddMinutes(-1);
        foreach (var reservation in await db.Set<Reservation>().Where(r => r.InstanceId == instanceId).ToListAsync(Ct))
        {
            reservation.ExpiresAt = past;
        }

        await db.SaveChangesAsync(Ct);
    }
}
