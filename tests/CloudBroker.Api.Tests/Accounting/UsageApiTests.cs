using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Accounting.Metering;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Accounting;

/// <summary><c>GET /api/usage</c>: finance reads its tenant's metered usage, filtered and paged; other tenants' is not there.</summary>
public sealed class UsageApiTests(MeteringFactory factory) : IClassFixture<MeteringFactory>
{
    private static readonly string[] Members =
        ["id", "instanceId", "meter", "quantity", "start", "end", "tenantId", "groupId", "ownerId", "providerId", "realmId", "hardwareProfileId", "tags"];

    [Fact]
    public async Task Finance_reads_its_tenants_usage_filtered_and_paged_and_nothing_of_another_tenant()
    {
        var tenant = "usage-" + Guid.NewGuid().ToString("N")[..8];
        using var member = factory.CreateAdminClient(await factory.AddUserKeyAsync(tenant + "-member", "member", tenant));
        using var finance = factory.CreateAdminClient(await factory.AddUserKeyAsync(tenant + "-finance", "finance", tenant));
        using var otherFinance = factory.CreateAdminClient(await factory.AddUserKeyAsync("other-finance-" + tenant, "finance", "other-" + tenant));
        var id = (string)(await member.CreateRunningAsync(InstanceCalls.Request(UniqueName("usage")).Also("tags", new JsonObject { ["team"] = "web" })))["id"]!;
        await member.ActAsync(id, "stop");
        var stopped = await member.WaitForStateAsync(id, "stopped");
        await factory.WaitForMeteringAsync();

        var all = await ListAsync(finance, $"/api/usage?instanceId={id}");
        Assert.Equal(4, all.Count); // three compute meters closed at the stop, storage still open
        Assert.All(all, u => AssertMembers(u, Members));
        Assert.All(all, u => Assert.Equal(tenant, (string?)u["tenantId"]));
        Assert.All(all, u => Assert.Equal("""{"team":"web"}""", u["tags"]!.ToJsonString()));
        Assert.Equal(stopped["cpu"]!.ToString(), (string?)all.Single(u => (string?)u["meter"] == Meters.VcpuHours)["quantity"]);
        Assert.Null(all.Single(u => (string?)u["meter"] == Meters.StorageGibHours)["end"]);

        var storage = await ListAsync(finance, $"/api/usage?instanceId={id}&meter={Meters.StorageGibHours}");
        Assert.Equal(Meters.StorageGibHours, (string?)Assert.Single(storage)["meter"]);
        var stopAt = all.Where(u => (string?)u["meter"] == Meters.InstanceHours).Select(u => AssertTimestamp(u["end"])).Single();
        var after = stopAt.AddSeconds(1).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ");
        Assert.Equal([Meters.StorageGibHours], (await ListAsync(finance, $"/api/usage?instanceId={id}&from={after}")).Select(u => (string?)u["meter"]));

        var paged = new List<string?>();
        string? cursor = null;
        do
        {
            using var response = await finance.GetAsync($"/api/usage?instanceId={id}&limit=1" + (cursor is null ? "" : "&cursor=" + cursor), Ct);
            var page = await ExpectJsonAsync(response, HttpStatusCode.OK);
            paged.AddRange(page["items"]!.AsArray().Select(u => (string?)u!["id"]));
            cursor = (string?)page["next"];
        }
        while (cursor is not null);
        Assert.Equal(all.Select(u => (string?)u["id"]), paged);

        Assert.Empty(await ListAsync(otherFinance, $"/api/usage?instanceId={id}"));
        Assert.Equal(4, (await ListAsync(factory.CreateAdminClient(), $"/api/usage?instanceId={id}")).Count); // the broker's admin reads every tenant
        using (var forbidden = await member.GetAsync("/api/usage", Ct))
        {
            await ExpectProblemAsync(forbidden, HttpStatusCode.Forbidden, "forbidden");
        }

        using (var badMeter = await finance.GetAsync("/api/usage?meter=gpu-hours", Ct))
        {
            await ExpectParameterErrorAsync(badMeter, "meter");
        }

        using var badRange = await finance.GetAsync("/api/usage?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", Ct);
        await ExpectParameterErrorAsync(badRange, "to");
    }

    private static async Task<List<JsonObject>> ListAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        return [.. (await ExpectJsonAsync(response, HttpStatusCode.OK))["items"]!.AsArray().Select(u => u!.AsObject())];
    }
}
