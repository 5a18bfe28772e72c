using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Identity;

/// <summary>
/// No one acts on a user whose roles reach further than its own: a tenant-admin of the system tenant, which
/// manages that tenant, still cannot reach the broker's admins, auditors and finance (who act on every tenant).
/// Each case repeats an attacker's request of the security review and checks that nothing changed.
/// </summary>
public sealed class EscalationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_tenant_admin_of_the_system_tenant_cannot_take_over_the_admin_account()
    {
        using var admin = factory.CreateAdminClient();
        using var attacker = factory.WithKey(await factory.AddUserKeyAsync(UniqueName("sys-ta"), "tenant-admin"));
        var keysBefore = await KeyIdsAsync(admin, "admin");

        using (var response = await attacker.PostAsync("/api/users/admin/api-keys", Body(new JsonObject { ["name"] = "mine" }), Ct))
        {
            var problem = await ExpectProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
            Assert.Contains("admin", (string)problem["detail"]!);
        }

        using (var response = await attacker.GetAsync("/api/users/admin/api-keys", Ct))
        {
            await ExpectProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        }

        using (var response = await attacker.DeleteAsync("/api/users/admin/api-keys/bootstrap-admin", Ct))
        {
            await ExpectProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        }

        var etag = await ETagAsync(admin, "/api/users/admin");
        using (var response = await attacker.SendAsync(WithIfMatch(HttpMethod.Patch, "/api/users/admin", new JsonObject { ["subject"] = "attacker-sub" }, etag), Ct))
        {
            await ExpectProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        }

        using (var response = await attacker.SendAsync(WithIfMatch(HttpMethod.Patch, "/api/users/admin", new JsonObject { ["email"] = "attacker@example.org" }, etag), Ct))
        {
            await ExpectProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        }

        var replacement = new JsonObject { ["name"] = "admin", ["roles"] = new JsonArray("admin"), ["groupIds"] = new JsonArray("system"), ["subject"] = "attacker-sub" };
        using (var response = await attacker.SendAsync(WithIfMatch(HttpMethod.Put, "/api/users/admin", replacement, etag), Ct))
        {
            await ExpectProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        }

        using (var response = await attacker.SendAsync(WithIfMatch(HttpMethod.Put, "/api/quotas/user/admin", new JsonObject { ["limits"] = new JsonObject { ["instances"] = 0 } }, "\"0\""), Ct))
        {
            await ExpectProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        }

        // A group's quota limits each member: the admins' group `system` is the admins' too.
        using (var response = await attacker.SendAsync(WithIfMatch(HttpMethod.Put, "/api/quotas/group/system", new JsonObject { ["limits"] = new JsonObject { ["instances"] = 0 } }, "\"0\""), Ct))
        {
            await ExpectProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        }

        // Nothing changed: the same keys, the bootstrap key works, no subject or email, the same ETag.
        Assert.Equal(keysBefore, await KeyIdsAsync(admin, "admin"));
        using (var response = await admin.GetAsync("/api/users/admin", Ct))
        {
            var user = await ExpectJsonAsync(response, HttpStatusCode.OK);
            Assert.Equal((null, null, etag), ((string?)user["subject"], (string?)user["email"], response.Headers.ETag!.Tag));
        }

        foreach (var quota in new[] { "/api/quotas/user/admin", "/api/quotas/group/system" })
        {
            using var response = await admin.GetAsync(quota, Ct);
            Assert.Null((await ExpectJsonAsync(response, HttpStatusCode.OK))["limits"]!["instances"]);
        }

        // Within its reach the tenant-admin still sets quotas: a group of the system tenant's members only.
        var ops = (string)(await attacker.PostAsync("/api/groups", new JsonObject { ["name"] = "ops" })).Body["id"]!;
        await attacker.CreateUserAsync("system", UniqueName("op"), ["member"], ops);
        using (var response = await attacker.SendAsync(WithIfMatch(HttpMethod.Put, $"/api/quotas/group/{ops}", new JsonObject { ["limits"] = new JsonObject { ["instances"] = 5 } }, "\"0\""), Ct))
        {
            await ExpectJsonAsync(response, HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task A_tenant_admin_of_the_system_tenant_cannot_disable_or_key_another_admin()
    {
        using var admin = factory.CreateAdminClient();
        var otherAdmin = UniqueName("admin");
        using var otherAdminClient = factory.WithKey(await factory.AddUserKeyAsync(otherAdmin, "admin"));
        using var attacker = factory.WithKey(await factory.AddUserKeyAsync(UniqueName("sys-ta"), "tenant-admin"));

        using (var response = await attacker.DeleteAsync($"/api/users/{otherAdmin}", Ct))
        {
            await ExpectProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        }

        using (var response = await attacker.PostAsync($"/api/users/{otherAdmin}/api-keys", Body(new JsonObject()), Ct))
        {
            await ExpectProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        }

        using (var response = await otherAdminClient.GetAsync("/api/me", Ct))
        {
            Assert.Equal(["admin"], Strings((await ExpectJsonAsync(response, HttpStatusCode.OK))["roles"]));
        }

        // An admin manages another admin: it may disable it (the bootstrap admin excepted).
        using (var response = await admin.DeleteAsync($"/api/users/{otherAdmin}", Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        using (var response = await otherAdminClient.GetAsync("/api/me", Ct))
        {
            await ExpectProblemAsync(response, HttpStatusCode.Unauthorized, "unauthenticated");
        }
    }

    [Fact]
    public async Task A_tenant_admin_grants_no_role_that_reaches_further_than_its_own()
    {
        using var admin = factory.CreateAdminClient();
        using var systemTenantAdmin = factory.WithKey(await factory.AddUserKeyAsync(UniqueName("sys-ta"), "tenant-admin"));

        // The system tenant's auditor and finance read every tenant: only an admin makes them.
        foreach (var role in new[] { "auditor", "finance", "admin" })
        {
            using var response = await systemTenantAdmin.PostAsync("/api/users", Body(NewUser(role, "system", "system")), Ct);
            await ExpectProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        }

        var member = await systemTenantAdmin.CreateUserAsync("system", UniqueName("sys-member"), ["member"], "system");
        var etag = await ETagAsync(systemTenantAdmin, $"/api/users/{member}");
        using (var response = await systemTenantAdmin.SendAsync(WithIfMatch(HttpMethod.Patch, $"/api/users/{member}", new JsonObject { ["roles"] = new JsonArray("member", "auditor") }, etag), Ct))
        {
            await ExpectProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        }

        // What stays within its reach it still does: the system member's keys.
        using (var response = await systemTenantAdmin.PostAsync($"/api/users/{member}/api-keys", Body(new JsonObject()), Ct))
        {
            await ExpectJsonAsync(response, HttpStatusCode.Created);
        }

        using (var response = await admin.PostAsync("/api/users", Body(NewUser("auditor", "system", "system")), Ct))
        {
            await ExpectJsonAsync(response, HttpStatusCode.Created);
        }

        // In an ordinary tenant a tenant-admin reaches every role of that tenant but admin.
        var tenant = await admin.CreateTenantAsync(UniqueName("t"));
        var group = await admin.DefaultGroupAsync(tenant);
        using var tenantAdmin = factory.WithKey(await admin.IssueKeyAsync(await admin.CreateUserAsync(tenant, "boss", ["tenant-admin"], group)));
        foreach (var role in new[] { "auditor", "finance", "member", "tenant-admin" })
        {
            using var response = await tenantAdmin.PostAsync("/api/users", Body(NewUser(role, tenant, group)), Ct);
            await ExpectJsonAsync(response, HttpStatusCode.Created);
        }
    }

    [Fact]
    public async Task A_subject_needs_single_sign_on()
    {
        using var admin = factory.CreateAdminClient();
        using var response = await admin.PostAsync("/api/users", Body(NewUser("member", "system", "system").Also("subject", "someone")), Ct);
        Assert.Contains("single sign-on", (string)(await ExpectFieldErrorAsync(response, "/subject"))["detail"]!);
    }

    private static JsonObject NewUser(string role, string tenant, string group) => new()
    {
        ["tenantId"] = tenant, ["name"] = UniqueName(role), ["roles"] = new JsonArray(role), ["groupIds"] = new JsonArray(group),
    };

    private static async Task<string[]> KeyIdsAsync(HttpClient admin, string user)
    {
        using var response = await admin.GetAsync($"/api/users/{user}/api-keys?limit=500", Ct);
        var page = await ExpectJsonAsync(response, HttpStatusCode.OK);
        return [.. page["items"]!.AsArray().Select(k => $"{k!["id"]} revoked={k["revokedAt"] is not null}").Order(StringComparer.Ordinal)];
    }

    private static async Task<string> ETagAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        await ExpectJsonAsync(response, HttpStatusCode.OK);
        return response.Headers.ETag!.Tag;
    }

    private static HttpRequestMessage WithIfMatch(HttpMethod method, string path, JsonObject body, string etag)
    {
        var request = new HttpRequestMessage(method, path) { Content = Body(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return request;
    }
}
