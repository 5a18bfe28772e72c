using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace CloudBroker.Integration.Tests.ScaleOut;

/// <summary>
/// The export schedule on two real worker processes (PostgreSQL and RabbitMQ), each rating and looking for due
/// revisions every second: charges of three tenants on a day rating has covered give each tenant exactly one daily
/// revision, built once, and still one after many more rounds of both (a run across midnight UTC would see the next day's).
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class ExportScheduleWorkersTests
{
    [Fact(Timeout = 240_000)]
    public async Task Two_workers_scheduling_side_by_side_make_each_revision_once()
    {
        var services = ScaleOutServices.FromEnvironment();
        var ct = TestContext.Current.CancellationToken;
        var folder = ScenarioFolder.Create("export-schedule", 0);
        var environment = BrokerEnvironment.Create(folder.Path, MockCloudSettings.Reader(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(100)), fastRecovery: false);
        environment["CloudBroker__Outbox__PollInterval"] = "00:00:00.1";
        environment["CloudBroker__Accounting__RatingInterval"] = "00:00:01";
        environment["CloudBroker__Accounting__Exports__ScheduleInterval"] = "00:00:01";
        environment["Logging__LogLevel__CloudBroker.Accounting.Exports"] = "Information";

        // Usage of a day rating has covered, in a period that stays open through the test: the current month's first
        // day, or on the 1st the previous month's third (its period is open until the 3rd). Its daily revision is the
        // one for yesterday, or for the previous month's last day.
        var now = DateTime.UtcNow;
        var month = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var (period, used) = now >= month.AddDays(1).AddMinutes(5) ? (month, month) : (month.AddMonths(-1), month.AddMonths(-1).AddDays(2));
        var expected = (now.Date < period.AddMonths(1) ? now.Date.AddDays(-1) : period.AddMonths(1).AddDays(-1)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string[] tenants = ["sched-a", "sched-b", "sched-c"];
        await using (var cluster = await ScaleOutCluster.StartAsync(services, folder.Path, environment, apis: 1, workers: 2, folder.Log, ct))
        {
            var api = cluster.Api(0);
            await PublishPricesAsync(api, period, ct);
            await using (var db = new NpgsqlConnection(cluster.Database.AdminConnectionString))
            {
                await db.OpenAsync(ct);
                foreach (var tenant in tenants)
                {
                    await using var insert = new NpgsqlCommand(
                        """
                        INSERT INTO usage_intervals ("Id", "InstanceId", "Meter", "Quantity", "Start", "End", "StartEventId", "TenantId", "GroupId", "OwnerId", "ProviderId", "HardwareProfileId", "Tags")
                        VALUES (@id, @instance, 'instance-hours', 1, @start, @end, 1, @tenant, @tenant, @tenant, 'mock', 'm1-small', '{}')
                        """, db);
                    insert.Parameters.AddWithValue("id", tenant + "-usage");
                    insert.Parameters.AddWithValue("instance", Guid.NewGuid().ToString());
                    insert.Parameters.AddWithValue("start", used.AddHours(10));
                    insert.Parameters.AddWithValue("end", used.AddHours(14));
                    insert.Parameters.AddWithValue("tenant", tenant);
                    await insert.ExecuteNonQueryAsync(ct);
                }
            }

            var billingPeriod = period.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            var built = await WaitForExportsAsync(api, billingPeriod, tenants.Length, ct);
            await Task.Delay(TimeSpan.FromSeconds(8), ct); // many more rounds of both workers
            var after = await WaitForExportsAsync(api, billingPeriod, tenants.Length, ct);
            Assert.Equal(built.Select(e => (string?)e["id"]), after.Select(e => (string?)e["id"]));
            foreach (var tenant in tenants)
            {
                var export = Assert.Single(after, e => (string?)e["tenantId"] == tenant);
                Assert.Equal((1, expected, false), ((int)export["revision"]!, (string?)export["schedule"], (bool)export["final"]!));
            }

            var taken = cluster.LogPaths.Sum(p => File.ReadLines(p).Count(l => l.Contains("were requested by another process", StringComparison.Ordinal)));
            folder.Log.Report($"export schedule on 2 workers: {tenants.Length} tenants, one '{expected}' revision each; rounds refused by the unique key: {taken}");
        }

        folder.Passed();
    }

    private static async Task PublishPricesAsync(HttpClient api, DateTime from, CancellationToken ct)
    {
        using var created = await api.PostAsJsonAsync("/api/price-books", new JsonObject
        {
            ["name"] = "export-schedule",
            ["currency"] = "USD",
            ["effectiveFrom"] = from,
            ["lines"] = new JsonArray(new JsonObject { ["providerId"] = "mock", ["sku"] = "m1-small", ["unitPrice"] = "0.50" }),
            ["contracts"] = new JsonArray(),
        }, ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var bookId = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync(ct))!["priceBookId"]!;
        using var publish = new HttpRequestMessage(HttpMethod.Post, $"/api/price-books/{bookId}/versions/1/publish");
        publish.Headers.TryAddWithoutValidation("If-Match", created.Headers.ETag!.ToString());
        using var published = await api.SendAsync(publish, ct);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
    }

    /// <summary>The period's exports once there are <paramref name="count"/> and all are built.</summary>
    private static async Task<List<JsonObject>> WaitForExportsAsync(HttpClient api, string month, int count, CancellationToken ct)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var page = JsonNode.Parse(await api.GetStringAsync($"/api/exports?billingPeriod={month}&limit=100", ct))!;
            var items = page["items"]!.AsArray().Select(e => e!.AsObject()).ToList();
            if ((items.Count >= count && items.All(e => (string?)e["status"] == "succeeded")) || DateTime.UtcNow > until)
            {
                Assert.True(items.Count == count && items.All(e => (string?)e["status"] == "succeeded"), string.Join("\n", items.Select(e => e.ToJsonString())));
                return items;
            }

            await Task.Delay(250, ct);
        }
    }
}
