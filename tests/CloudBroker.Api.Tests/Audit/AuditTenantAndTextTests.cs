using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Identity.Access;
using CloudBroker.Identity.Tenancy;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Audit;

/// <summary>
/// Audit entries name the tenant whose data a request acted on, so a broker admin's work inside a tenant is in that
/// tenant's log (still as the admin of tenant <c>system</c>), and no value a client chose can break a line of a
/// line-based export.
/// </summary>
public sealed class AuditTenantAndTextTests(AuditFactory factory) : IClassFixture<AuditFactory>
{
    [Fact]
    public async Task An_admins_actions_inside_a_tenant_are_in_that_tenants_log_and_nobody_elses()
    {
        using var admin = factory.CreateAdminClient();
        var tenant = await admin.CreateTenantAsync(UniqueName("acted-on"));
        var (group, etag) = await admin.PostAsync("/api/groups", new JsonObject { ["name"] = "ops", ["tenantId"] = tenant });
        var groupId = (string)group["id"]!;
        using (var renamed = await PutAsync(admin, "/api/groups/" + groupId, new JsonObject { ["name"] = "operations" }, etag))
        {
            Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        }

        using (var stale = await PutAsync(admin, "/api/groups/" + groupId, new JsonObject { ["name"] = "stale" }, etag))
        {
            await ExpectProblemAsync(stale, HttpStatusCode.PreconditionFailed, "precondition-failed"); // refused, after the group was found
        }

        var other = UniqueName("other");
        using var otherAdmin = factory.CreateAdminClient(await factory.AddUserKeyAsync(other + "-admin", Roles.TenantAdmin, other));
        using (var probe = await PutAsync(otherAdmin, "/api/groups/" + groupId, new JsonObject { ["name"] = "probe" }, "\"2\""))
        {
            await ExpectProblemAsync(probe, HttpStatusCode.NotFound, "not-found");
        }

        using var auditor = factory.CreateAdminClient(await factory.AddUserKeyAsync(tenant + "-auditor", Roles.Auditor, tenant));
        var seen = await WaitForEntriesAsync(auditor, "/api/audit?limit=500", 4);
        var byAdmin = seen.Where(e => (string?)e["userId"] == SystemTenant.AdminUserId).ToList();
        Assert.Equal( // entries are written as answers are sent: compared as a set
            ["POST /api/groups 201", "POST /api/tenants 201", "PUT /api/groups/{id} 200", "PUT /api/groups/{id} 412"],
            byAdmin.Select(e => $"{e["method"]} {e["route"]} {e["status"]}").Order(StringComparer.Ordinal));
        foreach (var entry in byAdmin)
        {
            Assert.Equal((SystemTenant.TenantId, tenant), ((string?)entry["tenantId"], (string?)entry["targetTenantId"]));
        }

        Assert.DoesNotContain(seen, e => (string?)e["tenantId"] == other); // the other tenant's probe stays in its own log
        using var otherAuditor = factory.CreateAdminClient(await factory.AddUserKeyAsync(other + "-auditor", Roles.Auditor, other));
        var probeEntry = Assert.Single(await WaitForEntriesAsync(otherAuditor, "/api/audit?limit=500", 1));
        Assert.Equal((other, other, 404), ((string?)probeEntry["tenantId"], (string?)probeEntry["targetTenantId"], (int)probeEntry["status"]!));
        Assert.Equal(4, (await ListAsync(admin, $"/api/audit?targetTenantId={tenant}&userId={SystemTenant.AdminUserId}&limit=500")).Count);
    }

    [Fact]
    public async Task Control_characters_from_the_path_and_headers_are_escaped_in_every_field()
    {
        var tenant = UniqueName("forger");
        using var member = factory.CreateAdminClient(await factory.AddUserKeyAsync(tenant + "-member", Roles.Member, tenant));
        using (var forged = await member.DeleteAsync("/api/instances/abc%0d%0aFAKE%09entry%E2%80%AEx%5Cn", Ct))
        {
            await ExpectProblemAsync(forged, HttpStatusCode.NotFound, "not-found");
        }

        using (var unknown = await member.PostAsync("/api/nowhere%0a2026-01-01T00:00:00Z%20admin%20DELETE", null, Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        using (var tabbed = new HttpRequestMessage(HttpMethod.Post, "/api/instances") { Content = Body(InstanceCalls.Request(UniqueName("tab"))) })
        {
            tabbed.Headers.TryAddWithoutValidation("Idempotency-Key", "tab\tkey");
            using var refused = await member.SendAsync(tabbed, Ct);
            await ExpectProblemAsync(refused, HttpStatusCode.BadRequest, "validation");
        }

        using var admin = factory.CreateAdminClient();
        var entries = await WaitForEntriesAsync(admin, $"/api/audit?tenantId={tenant}", 3);
        Assert.Equal(@"abc\r\nFAKE\tentry\u202ex\\n", (string?)entries.Single(e => (string?)e["method"] == "DELETE")["target"]);
        Assert.Equal(@"/api/nowhere\n2026-01-01T00:00:00Z admin DELETE", (string?)entries.Single(e => (int?)e["status"] == 404 && (string?)e["method"] == "POST")["route"]);
        Assert.Equal(@"tab\tkey", (string?)entries.Single(e => (int?)e["status"] == 400)["idempotencyKey"]);
        foreach (var text in entries.SelectMany(e => e.Select(p => p.Value)).OfType<JsonValue>().Select(v => v.ToString()))
        {
            Assert.DoesNotContain(text, c => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format);
        }
    }

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, string path, JsonObject body, string etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = Body(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return await client.SendAsync(request, Ct);
    }

    private static async Task<IReadOnlyList<JsonObject>> ListAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        return [.. (await ExpectJsonAsync(response, HttpStatusCode.OK))["items"]!.AsArray().Select(e => e!.AsObject())];
    }

    /// <summary>Entries are written once each answer is sent: waits until there are at least <paramref name="count"/>.</summary>
    private static async Task<IReadOnlyList<JsonObject>> WaitForEntriesAsync(HttpClient client, string path, int count)
    {
        var deadline = DateTime.UtcNow + InstanceCalls.Timeout;
        while (true)
        {
            var entries = await ListAsync(client, path);
            if (entries.Count >= count || DateTime.UtcNow > deadline)
            {
                Assert.True(entries.Count >= count, $"expected {count} entries at {path}, got {entries.Count}");
                return entries;
            }

            await Task.Delay(20, Ct);
        }
    }
}
