using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Audit;
using CloudBroker.Identity.Access;
using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Audit;

/// <summary>
/// <c>GET /api/audit</c> and the recorder: every mutation by an authenticated caller, refused ones included,
/// with who, tenant, route, status, result and source address; reads are not recorded; the table is append-only.
/// Each test works in tenants of its own, since the class shares one API.
/// </summary>
public sealed class AuditTests(AuditFactory factory) : IClassFixture<AuditFactory>
{
    private static readonly string[] Members =
        ["id", "at", "tenantId", "targetTenantId", "userId", "apiKeyId", "method", "route", "target", "status", "result", "problem", "sourceAddress", "requestId", "idempotencyKey"];

    [Fact]
    public async Task Creates_refusals_forbidden_calls_and_deletes_are_recorded_with_who_what_and_where_and_reads_are_not()
    {
        var tenant = UniqueName("t");
        using var operatorClient = factory.CreateAdminClient(await factory.AddUserKeyAsync(tenant + "-op", Roles.TenantAdmin, tenant));
        using var memberClient = factory.CreateAdminClient(await factory.AddUserKeyAsync(tenant + "-member", Roles.Member, tenant));

        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/instances") { Content = Body(InstanceCalls.Request(UniqueName("audited"))) };
        create.Headers.Add("Idempotency-Key", "audit-create-1");
        using var created = await operatorClient.SendAsync(create, Ct);
        var operation = await ExpectJsonAsync(created, HttpStatusCode.Accepted);
        var instanceId = (string)operation["targetId"]!;
        await operatorClient.WaitForStateAsync(instanceId, "running"); // reads: polled, and not recorded

        using var refused = await operatorClient.PostAsync(InstanceCalls.Request("Not_A_Label"));
        await ExpectProblemAsync(refused, HttpStatusCode.BadRequest, "validation");
        using var forbidden = await memberClient.PostAsync("/api/providers/mock/reconcile", null, Ct);
        await ExpectProblemAsync(forbidden, HttpStatusCode.Forbidden, "forbidden");
        using var deleted = await operatorClient.DeleteAsync("/api/instances/" + instanceId, Ct);
        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        using var read = await operatorClient.GetAsync("/api/instances/" + instanceId, Ct);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);

        using var admin = factory.CreateAdminClient();
        var entries = await AuditEntries.WaitForAsync(admin, $"/api/audit?tenantId={tenant}", 4);
        Assert.Equal(4, entries.Count); // the GET is not there
        foreach (var entry in entries)
        {
            AssertMembers(entry, Members);
            Assert.Equal(tenant, (string?)entry["tenantId"]);
            Assert.Equal(AuditFactory.SourceAddress.ToString(), (string?)entry["sourceAddress"]);
            Assert.False(string.IsNullOrEmpty((string?)entry["apiKeyId"]));
            Assert.False(string.IsNullOrEmpty((string?)entry["requestId"]));
            AssertTimestamp(entry["at"]);
        }

        // Entries are written once each answer is sent, so two requests answered within a few milliseconds may be
        // numbered in either order: find each by what it was.
        JsonObject Entry(string method, int status) => entries.Single(e => (string?)e["method"] == method && (int?)e["status"] == status);
        var (delete, forbiddenEntry, refusedEntry, createEntry) = (Entry("DELETE", 202), Entry("POST", 403), Entry("POST", 400), Entry("POST", 202));
        AssertEntry(createEntry, tenant + "-op", "POST", "/api/instances", null, 202, "succeeded", null);
        Assert.Equal("audit-create-1", (string?)createEntry["idempotencyKey"]);
        AssertEntry(refusedEntry, tenant + "-op", "POST", "/api/instances", null, 400, "refused", "validation");
        Assert.Null(refusedEntry["idempotencyKey"]);
        AssertEntry(forbiddenEntry, tenant + "-member", "POST", "/api/providers/{id}/reconcile", "mock", 403, "refused", "forbidden");
        AssertEntry(delete, tenant + "-op", "DELETE", "/api/instances/{id}", instanceId, 202, "succeeded", null);
        Assert.True(long.Parse((string)delete["id"]!) > long.Parse((string)createEntry["id"]!));
    }

    [Fact]
    public async Task A_request_whose_handler_threw_is_recorded_with_the_final_problem_status()
    {
        var tenant = UniqueName("t");
        var key = await factory.AddUserKeyAsync(tenant + "-admin", Roles.Admin, tenant);
        using var client = factory.CreateAdminClient(key);
        using var broken = await client.PostAsync("/api/providers/broken/reconcile", null, Ct);
        await ExpectProblemAsync(broken, HttpStatusCode.ServiceUnavailable, "provider-unavailable");

        var entry = Assert.Single(await AuditEntries.WaitForAsync(client, $"/api/audit?tenantId={tenant}", 1));
        AssertEntry(entry, tenant + "-admin", "POST", "/api/providers/{id}/reconcile", "broken", 503, "failed", "provider-unavailable");
    }

    [Fact]
    public async Task Unauthenticated_attempts_are_not_recorded()
    {
        using var anonymous = factory.CreateClient();
        using var response = await anonymous.PostAsync("/api/instances", Body(InstanceCalls.Request(UniqueName("anon"))), Ct);
        await ExpectProblemAsync(response, HttpStatusCode.Unauthorized, "unauthenticated");
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        Assert.False(await db.Set<AuditEntry>().AnyAsync(e => e.Status == 401, Ct));
    }

    [Fact]
    public async Task A_tenant_admin_sees_its_tenant_the_broker_admin_and_auditor_see_all_a_tenant_auditor_its_own_and_a_member_is_forbidden()
    {
        var (a, b) = (UniqueName("ta"), UniqueName("tb"));
        using var adminA = factory.CreateAdminClient(await factory.AddUserKeyAsync(a + "-admin", Roles.TenantAdmin, a));
        using var adminB = factory.CreateAdminClient(await factory.AddUserKeyAsync(b + "-admin", Roles.TenantAdmin, b));
        using var auditorB = factory.CreateAdminClient(await factory.AddUserKeyAsync(b + "-auditor", Roles.Auditor, b));
        using var auditor = factory.CreateAdminClient(await factory.AddUserKeyAsync(UniqueName("auditor"), Roles.Auditor));
        using var member = factory.CreateAdminClient(await factory.AddUserKeyAsync(a + "-member", Roles.Member, a));
        using var finance = factory.CreateAdminClient(await factory.AddUserKeyAsync(a + "-finance", Roles.Finance, a));
        using var admin = factory.CreateAdminClient();
        (await adminA.PostAsync(InstanceCalls.Request("Bad_A"))).Dispose();
        (await adminB.PostAsync(InstanceCalls.Request("Bad_B"))).Dispose();
        await AuditEntries.WaitForAsync(admin, $"/api/audit?tenantId={a}", 1);
        await AuditEntries.WaitForAsync(admin, $"/api/audit?tenantId={b}", 1);

        Assert.Equal([a], Tenants(await AuditEntries.ListAsync(adminA, "/api/audit?limit=500")));
        Assert.Empty(await AuditEntries.ListAsync(adminA, $"/api/audit?tenantId={b}"));
        Assert.Equal([b], Tenants(await AuditEntries.ListAsync(auditorB, "/api/audit?limit=500")));
        foreach (var everywhere in new[] { admin, auditor })
        {
            var seen = Tenants(await AuditEntries.ListAsync(everywhere, "/api/audit?limit=500"));
            Assert.Contains(a, seen);
            Assert.Contains(b, seen);
        }

        foreach (var refused in new[] { member, finance })
        {
            using var response = await refused.GetAsync("/api/audit", Ct);
            await ExpectProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        }
    }

    [Fact]
    public async Task Filters_narrow_the_log_and_cursor_pages_walk_it_newest_first_without_gaps()
    {
        var tenant = UniqueName("t");
        var user = tenant + "-op";
        using var client = factory.CreateAdminClient(await factory.AddUserKeyAsync(user, Roles.TenantAdmin, tenant));
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        for (var i = 0; i < 5; i++)
        {
            (await client.PostAsync(InstanceCalls.Request("Bad_" + i))).Dispose();
        }

        (await client.DeleteAsync("/api/keys/no-such-key", Ct)).Dispose();
        var all = await AuditEntries.WaitForAsync(client, "/api/audit", 6);
        var ids = all.Select(e => long.Parse((string)e["id"]!)).ToArray();
        Assert.Equal(ids.OrderDescending(), ids);

        var paged = new List<string>();
        string? cursor = null;
        do
        {
            var page = await PageAsync(client, "/api/audit?limit=2" + (cursor is null ? "" : "&cursor=" + cursor));
            Assert.True(page["items"]!.AsArray().Count <= 2);
            paged.AddRange(page["items"]!.AsArray().Select(e => (string)e!["id"]!));
            cursor = (string?)page["next"];
        }
        while (cursor is not null);
        Assert.Equal(all.Select(e => (string)e["id"]!), paged);

        Assert.Equal(5, (await AuditEntries.ListAsync(client, "/api/audit?method=post&result=refused&status=400")).Count);
        Assert.Equal(5, (await AuditEntries.ListAsync(client, "/api/audit?route=" + Uri.EscapeDataString("/api/instances"))).Count);
        var deletes = await AuditEntries.ListAsync(client, $"/api/audit?method=DELETE&userId={user}&route={Uri.EscapeDataString("/api/keys/{id}")}");
        Assert.Equal(("no-such-key", 404, "not-found"), ((string?)deletes.Single()["target"], (int?)deletes.Single()["status"], (string?)deletes.Single()["problem"]));
        Assert.Empty(await AuditEntries.ListAsync(client, "/api/audit?result=succeeded"));
        Assert.Empty(await AuditEntries.ListAsync(client, "/api/audit?userId=someone-else"));

        var from = Uri.EscapeDataString(before.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(6, (await AuditEntries.ListAsync(client, $"/api/audit?from={from}")).Count);
        Assert.Empty(await AuditEntries.ListAsync(client, $"/api/audit?to={from}"));
        var newest = AssertTimestamp(all[0]["at"]);
        var at = Uri.EscapeDataString(newest.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((string?)all[0]["id"], (string?)(await AuditEntries.ListAsync(client, $"/api/audit?from={at}"))[0]["id"]);
        Assert.DoesNotContain((string?)all[0]["id"], (await AuditEntries.ListAsync(client, $"/api/audit?to={at}")).Select(e => (string?)e["id"]));
    }

    [Theory]
    [InlineData("method=GET", "method")]
    [InlineData("result=ok", "result")]
    [InlineData("status=abc", "status")]
    [InlineData("status=99", "status")]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-11-27", "to")]
    [InlineData("from=2026-11-27T10:00:00Z&to=2026-11-27T09:00:00Z", "to")]
    [InlineData("limit=0", "limit")]
    [InlineData("cursor=bm90LWEtbnVtYmVy", "cursor")]
    [InlineData("tenant=system", "tenant")]
    public async Task An_invalid_filter_is_refused_naming_the_parameter(string query, string parameter)
    {
        using var client = factory.CreateAdminClient();
        using var response = await client.GetAsync("/api/audit?" + query, Ct);
        var error = await ExpectParameterErrorAsync(response, parameter);
        if (parameter is "method" or "result")
        {
            Assert.NotEmpty(error["limit"]!["values"]!.AsArray());
        }
        else if (parameter == "status")
        {
            Assert.Equal((100, 599), ((int?)error["limit"]!["min"], (int?)error["limit"]!["max"]));
        }
    }

    [Fact]
    public async Task The_database_refuses_to_update_or_delete_an_entry()
    {
        var tenant = UniqueName("t");
        using var client = factory.CreateAdminClient(await factory.AddUserKeyAsync(tenant + "-op", Roles.TenantAdmin, tenant));
        (await client.PostAsync(InstanceCalls.Request("Bad_Name"))).Dispose();
        await AuditEntries.WaitForAsync(client, "/api/audit", 1);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        var entries = db.Set<AuditEntry>().Where(e => e.TenantId == tenant);
        await AssertAppendOnlyAsync(() => entries.ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, 200), Ct));
        await AssertAppendOnlyAsync(() => entries.ExecuteDeleteAsync(Ct));
        await AssertAppendOnlyAsync(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_log", Ct));
        if (db.Database.IsNpgsql())
        {
            await AssertAppendOnlyAsync(() => db.Database.ExecuteSqlRawAsync("TRUNCATE audit_log", Ct));
        }

        var tracked = await entries.SingleAsync(Ct);
        db.Remove(tracked);
        await AssertAppendOnlyAsync(() => db.SaveChangesAsync(Ct));
        db.ChangeTracker.Clear();
        var kept = await entries.AsNoTracking().SingleAsync(Ct);
        Assert.Equal((400, "refused"), (kept.Status, kept.Result));
    }

    private static async Task AssertAppendOnlyAsync(Func<Task> change)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(change);
        var messages = string.Join(" | ", Chain(error).Select(e => e.Message));
        Assert.Contains(AuditLogTriggers.Message, messages, StringComparison.Ordinal);
    }

    private static IEnumerable<Exception> Chain(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            yield return error;
        }
    }

    private static void AssertEntry(JsonObject entry, string userId, string method, string route, string? target, int status, string result, string? problem) =>
        Assert.Equal(
            (userId, method, route, target, status, result, problem),
            ((string?)entry["userId"], (string?)entry["method"], (string?)entry["route"], (string?)entry["target"], (int)entry["status"]!, (string?)entry["result"], (string?)entry["problem"]));

    private static string[] Tenants(IReadOnlyList<JsonObject> entries) => [.. entries.Select(e => (string)e["tenantId"]!).Distinct()];

    private static async Task<JsonObject> PageAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        var page = await ExpectJsonAsync(response, HttpStatusCode.OK);
        AssertMembers(page, "items", "next");
        return page;
    }
}
