using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Accounting.Rating;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Api.Tests.Quotas;
using CloudBroker.Contracts;
using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Accounting;

/// <summary>
/// Issue 20, items 5–7 (budget alerts): a machine that runs past its tenant's budget crosses every threshold
/// (50/75/90/100 %); rating, run three times, raises one alert per threshold — an entry in <c>GET /api/alerts</c>, a
/// <see cref="BudgetThresholdCrossed"/> event through the outbox, a delivery to the tenant's webhook — which the
/// receiver, failing each delivery's first attempt, gets again after the backoff, signed as documented. Finance and
/// the tenant-admin of the tenant read the alerts, the system's finance every tenant's, another tenant none.
/// </summary>
public sealed class BudgetAlertTests(WebhookFactory factory) : IClassFixture<WebhookFactory>
{
    private static readonly int[] Thresholds = [50, 75, 90, 100];

    [Fact]
    public async Task Each_crossed_threshold_raises_one_alert_however_often_rating_runs_and_reaches_the_webhook_signed_after_a_retry()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failuresPerDelivery: 1, Ct);
        var tenantId = UniqueName("alerted");
        using var tenantAdmin = await ClientAsync(tenantId + "-admin", "tenant-admin", tenantId);
        using var finance = await ClientAsync(tenantId + "-finance", "finance", tenantId);
        using var member = await ClientAsync(tenantId + "-member", "member", tenantId);
        using var admin = factory.CreateAdminClient();
        var hook = await ExpectJsonAsync(await tenantAdmin.PostAsync("/api/webhooks", Body(new JsonObject { ["url"] = receiver.Url.AbsoluteUri }), Ct), HttpStatusCode.Created);
        var secret = (string)hook["secret"]!;

        var vm = (string)(await member.CreateRunningAsync(InstanceCalls.Request(UniqueName("spender"), "priced")))["id"]!;
        await WaitForUsageAsync(finance, vm);
        await Task.Delay(TimeSpan.FromSeconds(3), Ct); // 1 USD a second: well past the budget below once rated
        await admin.SetQuotaAsync("tenant", tenantId, new JsonObject { ["budget"] = "1.00" });
        for (var run = 0; run < 3; run++)
        {
            await RateAsync();
        }

        var period = DateTime.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var alerts = await AlertsAsync(tenantAdmin, "");
        Assert.Equal(Thresholds, alerts.Select(a => (int)a["threshold"]!).Order());
        Assert.All(alerts, a =>
        {
            AssertMembers(a, "id", "kind", "tenantId", "scope", "scopeId", "period", "threshold", "limit", "used", "currency", "raisedAt");
            Assert.Equal(("budget-threshold", tenantId, "tenant", tenantId, period, "1.00", "USD"),
                ((string?)a["kind"], (string?)a["tenantId"], (string?)a["scope"], (string?)a["scopeId"], (string?)a["period"], (string?)a["limit"], (string?)a["currency"]));
            Assert.True(decimal.Parse((string)a["used"]!, CultureInfo.InvariantCulture) >= 1.00m, (string?)a["used"]);
        });
        var alertIds = alerts.Select(a => (string)a["id"]!).ToHashSet();

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var events = await scope.ServiceProvider.GetRequiredService<BrokerDbContext>().Outbox.AsNoTracking()
                .Where(m => m.MessageType == typeof(BudgetThresholdCrossed).FullName).Select(m => m.Body).ToListAsync(Ct);
            Assert.Equal(alertIds.Order(), events.Select(b => (string)JsonNode.Parse(b)!["alertId"]!).Where(alertIds.Contains).Order());
        }

        // Each delivery: 503 first, then after the backoff the same body, signed again, 204.
        var received = await WaitForDeliveredAsync(receiver, expected: Thresholds.Length);
        Assert.Equal(2 * Thresholds.Length, received.Count);
        foreach (var attempts in received.GroupBy(r => r.DeliveryId))
        {
            Assert.Equal([503, 204], attempts.OrderBy(r => r.At).Select(r => r.Answer));
            Assert.Single(attempts.Select(r => r.Body).Distinct());
            Assert.All(attempts, r =>
            {
                Assert.True(WebhookReceiver.Verifies(r.Signature, r.Body, secret, r.At), r.Signature);
                Assert.False(WebhookReceiver.Verifies(r.Signature, r.Body.Replace("1.00", "9.00", StringComparison.Ordinal), secret, r.At));
                Assert.False(WebhookReceiver.Verifies(r.Signature, r.Body, secret + "x", r.At));
                Assert.Equal("budget.threshold-crossed", r.Event);
                Assert.StartsWith("application/json", r.ContentType, StringComparison.Ordinal);
            });
            var body = JsonNode.Parse(attempts.First().Body)!.AsObject();
            Assert.Equal((attempts.Key, "budget.threshold-crossed", tenantId), ((string?)body["id"], (string?)body["type"], (string?)body["tenantId"]));
            Assert.Contains((string)body["data"]!["id"]!, alertIds);
        }

        var deliveries = (await ExpectJsonAsync(await tenantAdmin.GetAsync($"/api/webhooks/{(string)hook["id"]!}/deliveries", Ct), HttpStatusCode.OK))["items"]!.AsArray();
        Assert.Equal(alertIds.Order(), deliveries.Select(d => (string)d!["eventId"]!).Order());
        Assert.All(deliveries, d =>
        {
            Assert.Equal(("delivered", null), ((string?)d!["status"], (string?)d["nextAttemptAt"]));
            var tries = d["attempts"]!.AsArray();
            Assert.Equal([(1, 503), (2, 204)], tries.Select(t => ((int)t!["number"]!, (int)t["statusCode"]!)));
            Assert.Contains("503", (string?)tries[0]!["error"], StringComparison.Ordinal);
            Assert.True(AssertTimestamp(tries[0]!["nextAttemptAt"]) <= AssertTimestamp(tries[1]!["at"]).AddMilliseconds(1));
            Assert.Null((string?)tries[1]!["error"]);
        });

        // Rating again raises nothing new, and nothing more is sent.
        await RateAsync();
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        Assert.Equal(alertIds.Order(), (await AlertsAsync(finance, "")).Select(a => (string)a["id"]!).Order());
        Assert.Equal(2 * Thresholds.Length, receiver.Requests.Count);
    }

    [Fact]
    public async Task Alerts_are_read_by_the_tenants_finance_and_admins_the_systems_finance_and_no_other_tenant()
    {
        var tenantId = UniqueName("seen");
        using var member = await ClientAsync(tenantId + "-member", "member", tenantId);
        var vm = (string)(await member.CreateRunningAsync(InstanceCalls.Request(UniqueName("spender"), "priced")))["id"]!;
        using var finance = await ClientAsync(tenantId + "-finance", "finance", tenantId);
        await WaitForUsageAsync(finance, vm);
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        using var admin = factory.CreateAdminClient();
        await admin.SetQuotaAsync("tenant", tenantId, new JsonObject { ["budget"] = "1.00" });
        await RateAsync();

        var ids = (await AlertsAsync(finance, "")).Select(a => (string)a["id"]!).Order().ToArray();
        Assert.Equal(Thresholds.Length, ids.Length);
        using var tenantAdmin = await ClientAsync(tenantId + "-admin", "tenant-admin", tenantId);
        using var systemFinance = await ClientAsync(UniqueName("sysfin"), "finance", "system");
        Assert.Equal(ids, (await AlertsAsync(tenantAdmin, "")).Select(a => (string)a["id"]!).Order());
        Assert.Equal(ids, (await AlertsAsync(systemFinance, $"tenantId={tenantId}")).Select(a => (string)a["id"]!).Order());
        Assert.Equal(ids, (await AlertsAsync(admin, $"tenantId={tenantId}")).Select(a => (string)a["id"]!).Order());

        // Paging: one a page, in the order they were raised, the same set.
        var paged = new List<string>();
        string? cursor = null;
        do
        {
            var page = await ExpectJsonAsync(await finance.GetAsync("/api/alerts?limit=1" + (cursor is null ? "" : "&cursor=" + cursor), Ct), HttpStatusCode.OK);
            paged.AddRange(page["items"]!.AsArray().Select(a => (string)a!["id"]!));
            cursor = (string?)page["next"];
        }
        while (cursor is not null);
        Assert.Equal(ids, paged.Order());

        var otherTenant = UniqueName("other");
        using var otherFinance = await ClientAsync(otherTenant + "-finance", "finance", otherTenant);
        using var otherAdmin = await ClientAsync(otherTenant + "-admin", "tenant-admin", otherTenant);
        Assert.Empty(await AlertsAsync(otherFinance, $"tenantId={tenantId}"));
        Assert.Empty(await AlertsAsync(otherAdmin, ""));
        await ExpectProblemAsync(await member.GetAsync("/api/alerts", Ct), HttpStatusCode.Forbidden, "forbidden");
        using var otherMember = await ClientAsync(otherTenant + "-member", "member", otherTenant);
        await ExpectProblemAsync(await otherMember.GetAsync($"/api/alerts?tenantId={tenantId}", Ct), HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Only_the_thresholds_of_the_budgets_own_list_that_rated_cost_reached_raise_alerts()
    {
        var tenantId = UniqueName("listed");
        using var member = await ClientAsync(tenantId + "-member", "member", tenantId);
        using var finance = await ClientAsync(tenantId + "-finance", "finance", tenantId);
        var vm = (string)(await member.CreateRunningAsync(InstanceCalls.Request(UniqueName("spender"), "priced")))["id"]!;
        await WaitForUsageAsync(finance, vm);
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        using var admin = factory.CreateAdminClient();

        // 1 % of 100.00 is reached after a second at 1 USD a second; 1000 % (1000.00) is not within this test.
        await admin.SetQuotaAsync("tenant", tenantId, new JsonObject { ["budget"] = "100.00" }, new JsonObject { ["budget"] = new JsonArray(1, 1000) });
        await RateAsync();
        await RateAsync();

        var alert = Assert.Single(await AlertsAsync(finance, ""));
        Assert.Equal((1, "100.00"), ((int)alert["threshold"]!, (string?)alert["limit"]));
    }

    private async Task<HttpClient> ClientAsync(string userId, string role, string tenantId) =>
        factory.CreateAdminClient(await factory.AddUserKeyAsync(userId, role, tenantId));

    private async Task RateAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RatingRun>().RunAsync(DateTime.UtcNow.ToStoredPrecision(), Ct);
    }

    private static async Task<List<JsonObject>> AlertsAsync(HttpClient client, string query)
    {
        var page = await ExpectJsonAsync(await client.GetAsync("/api/alerts?limit=500&" + query, Ct), HttpStatusCode.OK);
        return [.. page["items"]!.AsArray().Select(a => a!.AsObject())];
    }

    /// <summary>Metering has opened the machine's usage (so rating sees it running).</summary>
    private static async Task WaitForUsageAsync(HttpClient finance, string instanceId)
    {
        var until = DateTime.UtcNow.AddSeconds(30); // metering runs on its own loop, slow on a loaded machine
        while (true)
        {
            var page = await ExpectJsonAsync(await finance.GetAsync($"/api/usage?instanceId={instanceId}", Ct), HttpStatusCode.OK);
            if (page["items"]!.AsArray().Count > 0)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < until, $"no usage of {instanceId} metered within 30 s");
            await Task.Delay(100, Ct);
        }
    }

    private static async Task<IReadOnlyList<WebhookReceiver.Received>> WaitForDeliveredAsync(WebhookReceiver receiver, int expected)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (receiver.Requests.Count(r => r.Answer == 204) < expected)
        {
            Assert.True(DateTime.UtcNow < until, $"{receiver.Requests.Count} requests within 30 s: " + string.Join(", ", receiver.Requests.Select(r => $"{r.DeliveryId}:{r.Answer}")));
            await Task.Delay(100, Ct);
        }

        return receiver.Requests;
    }
}
