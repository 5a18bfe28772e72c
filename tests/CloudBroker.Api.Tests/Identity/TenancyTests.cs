using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Identity;

/// <summary>Tenants contain groups contain users; keys act as their user; one tenant never sees another's objects.</summary>
public sealed class TenancyTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task An_admin_builds_a_tenant_whose_admin_adds_a_member_who_works_in_two_groups()
    {
        using var admin = factory.CreateAdminClient();
        var tenant = await admin.CreateTenantAsync(UniqueName("acme"));
        var defaultGroup = await admin.DefaultGroupAsync(tenant);
        var boss = await admin.CreateUserAsync(tenant, "boss", ["tenant-admin"], defaultGroup);
        using var tenantAdmin = factory.WithKey(await admin.IssueKeyAsync(boss));

        var research = (string)(await tenantAdmin.PostAsync("/api/groups", new JsonObject { ["name"] = "research" })).Body["id"]!;
        var member = await tenantAdmin.CreateUserAsync(tenant, "alice", ["member"], research, defaultGroup);
        using var alice = factory.WithKey(await tenantAdmin.IssueKeyAsync(member));

        using (var response = await alice.GetAsync("/api/me", Ct))
        {
            var me = await ExpectJsonAsync(response, HttpStatusCode.OK);
            Assert.Equal((member, tenant, "alice"), ((string?)me["userId"], (string?)me["tenantId"], (string?)me["name"]));
            Assert.Equal(["member"], Strings(me["roles"]));
            Assert.Equal(research, (string?)me["defaultGroupId"]);
            Assert.Equal(research, Strings(me["groupIds"])[0]);
            Assert.Contains(defaultGroup, Strings(me["groupIds"]));
        }

        var (charged, _) = await alice.CreateAsync(InstanceCalls.Request(UniqueName("vm")).Also("groupId", defaultGroup));
        var (byDefault, _) = await alice.CreateAsync(InstanceCalls.Request(UniqueName("vm")));
        using (var response = await alice.GetAsync($"/api/instances/{charged}", Ct))
        {
            var instance = await ExpectJsonAsync(response, HttpStatusCode.OK);
            Assert.Equal((tenant, member, defaultGroup), ((string?)instance["tenantId"], (string?)instance["ownerId"], (string?)instance["groupId"]));
        }

        using (var response = await alice.GetAsync($"/api/instances/{byDefault}", Ct))
        {
            Assert.Equal(research, (string?)(await ExpectJsonAsync(response, HttpStatusCode.OK))["groupId"]);
        }

        using (var response = await alice.PostAsync(InstanceCalls.Request(UniqueName("vm")).Also("groupId", "someone-elses")))
        {
            var error = await ExpectFieldErrorAsync(response, "/groupId");
            Assert.Contains(research, Strings(error["limit"]!["values"]));
        }

        // The tenant's admin sees the member's machine; an admin of the broker sees it too.
        using (var response = await tenantAdmin.GetAsync($"/api/instances/{charged}", Ct))
        {
            await ExpectJsonAsync(response, HttpStatusCode.OK);
        }

        using (var response = await admin.GetAsync($"/api/instances/{charged}", Ct))
        {
            await ExpectJsonAsync(response, HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Another_tenants_objects_are_not_found_and_cannot_be_changed()
    {
        using var admin = factory.CreateAdminClient();
        var (a, aGroup, aUser, alice) = await TenantWithMemberAsync(admin, "tenant-admin");
        var (_, _, _, bob) = await TenantWithMemberAsync(admin, "tenant-admin");
        var (instance, operation) = await alice.CreateAsync(InstanceCalls.Request(UniqueName("vm")));
        using (var response = await alice.PostAsync("/api/keys", Body(new JsonObject { ["name"] = "k", ["publicKey"] = SshKeys.Ed25519().Line }), Ct))
        {
            var key = (string)(await ExpectJsonAsync(response, HttpStatusCode.Created))["id"]!;
            foreach (var path in new[]
            {
                $"/api/instances/{instance}", $"/api/instances/{instance}/events", $"/api/operations/{operation["id"]}", $"/api/keys/{key}",
                $"/api/tenants/{a}", $"/api/groups/{aGroup}", $"/api/users/{aUser}", $"/api/users/{aUser}/api-keys",
            })
            {
                using var read = await bob.GetAsync(path, Ct);
                await ExpectProblemAsync(read, HttpStatusCode.NotFound, "not-found");
            }

            foreach (var path in new[] { $"/api/instances/{instance}", $"/api/keys/{key}", $"/api/groups/{aGroup}", $"/api/users/{aUser}" })
            {
                using var delete = await bob.DeleteAsync(path, Ct);
                await ExpectProblemAsync(delete, HttpStatusCode.NotFound, "not-found");
            }
        }

        using (var response = await bob.PostAsync($"/api/instances/{instance}/stop", null, Ct))
        {
            await ExpectProblemAsync(response, HttpStatusCode.NotFound, "not-found");
        }

        using (var response = await bob.PostAsync($"/api/users/{aUser}/api-keys", Body(new JsonObject()), Ct))
        {
            await ExpectProblemAsync(response, HttpStatusCode.NotFound, "not-found");
        }

        using (var list = await bob.GetAsync("/api/instances?limit=500", Ct))
        {
            Assert.DoesNotContain((await ExpectJsonAsync(list, HttpStatusCode.OK))["items"]!.AsArray(), i => (string?)i!["id"] == instance);
        }

        // A user made by bob's tenant admin cannot be put into alice's tenant's group.
        using (var response = await bob.PostAsync("/api/users", Body(new JsonObject { ["name"] = "eve", ["roles"] = new JsonArray("member"), ["groupIds"] = new JsonArray(aGroup) }), Ct))
        {
            await ExpectFieldErrorAsync(response, "/groupIds");
        }
    }

    [Fact]
    public async Task Keys_show_their_secret_once_list_by_prefix_and_stop_working_when_revoked()
    {
        using var admin = factory.CreateAdminClient();
        var (_, _, user, member) = await TenantWithMemberAsync(admin, "member");
        var (created, _) = await member.PostAsync($"/api/users/{user}/api-keys", new JsonObject { ["name"] = "ci" });
        var secret = (string)created["secret"]!;
        Assert.StartsWith((string)created["prefix"]!, secret);

        using (var list = await member.GetAsync($"/api/users/{user}/api-keys", Ct))
        {
            var text = await list.Content.ReadAsStringAsync(Ct);
            Assert.DoesNotContain(secret, text);
            var item = JsonNode.Parse(text)!["items"]!.AsArray().Single(k => (string?)k!["id"] == (string?)created["id"])!.AsObject();
            AssertMembers(item, "id", "userId", "name", "prefix", "createdAt", "revokedAt");
        }

        using var second = factory.WithKey(secret);
        using (var response = await second.GetAsync("/api/me", Ct))
        {
            await ExpectJsonAsync(response, HttpStatusCode.OK);
        }

        using (var response = await member.DeleteAsync($"/api/users/{user}/api-keys/{created["id"]}", Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        using (var response = await second.GetAsync("/api/me", Ct))
        {
            await ExpectProblemAsync(response, HttpStatusCode.Unauthorized, "unauthenticated");
        }
    }

    [Fact]
    public async Task Roles_are_granted_within_limits_and_a_disabled_user_is_locked_out()
    {
        using var admin = factory.CreateAdminClient();
        var (tenant, group, _, tenantAdmin) = await TenantWithMemberAsync(admin, "tenant-admin");
        var body = new JsonObject { ["name"] = "mallory", ["roles"] = new JsonArray("admin"), ["groupIds"] = new JsonArray(group) };
        using (var response = await tenantAdmin.PostAsync("/api/users", Body(body), Ct))
        {
            await ExpectProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        }

        using (var response = await admin.PostAsync("/api/users", Body(body.Also("tenantId", tenant)), Ct))
        {
            await ExpectFieldErrorAsync(response, "/roles");
        }

        using (var response = await tenantAdmin.PostAsync("/api/users", Body(new JsonObject { ["name"] = "x", ["roles"] = new JsonArray("root"), ["groupIds"] = new JsonArray(group) }), Ct))
        {
            var error = await ExpectFieldErrorAsync(response, "/roles");
            Assert.Contains("auditor", Strings(error["limit"]!["values"]));
        }

        using (var response = await tenantAdmin.PostAsync("/api/users", Body(new JsonObject { ["name"] = "x", ["roles"] = new JsonArray("member"), ["groupIds"] = new JsonArray(group), ["version"] = 7 }), Ct))
        {
            await ExpectFieldErrorAsync(response, "/version");
        }

        var user = await tenantAdmin.CreateUserAsync(tenant, "carol", ["member"], group);
        using var carol = factory.WithKey(await tenantAdmin.IssueKeyAsync(user));
        using (var response = await tenantAdmin.DeleteAsync($"/api/users/{user}", Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        using (var response = await carol.GetAsync("/api/me", Ct))
        {
            await ExpectProblemAsync(response, HttpStatusCode.Unauthorized, "unauthenticated");
        }

        using (var response = await admin.DeleteAsync("/api/users/admin", Ct))
        {
            await ExpectProblemAsync(response, HttpStatusCode.Conflict, "conflict");
        }

        using (var response = await admin.GetAsync("/api/me", Ct))
        {
            Assert.Equal(["admin"], Strings((await ExpectJsonAsync(response, HttpStatusCode.OK))["roles"]));
        }
    }

    [Fact]
    public async Task Put_and_patch_need_the_current_etag()
    {
        using var admin = factory.CreateAdminClient();
        var (tenant, group, user, _) = await TenantWithMemberAsync(admin, "member");
        var cases = new (string Path, HttpMethod Method, JsonObject Body)[]
        {
            ($"/api/tenants/{tenant}", HttpMethod.Put, new JsonObject { ["name"] = "renamed" }),
            ($"/api/groups/{group}", HttpMethod.Put, new JsonObject { ["name"] = "renamed" }),
            ($"/api/users/{user}", HttpMethod.Put, new JsonObject { ["name"] = "renamed", ["roles"] = new JsonArray("finance"), ["groupIds"] = new JsonArray(group) }),
            ($"/api/users/{user}", HttpMethod.Patch, new JsonObject { ["email"] = "x@example.org" }),
        };
        foreach (var (path, method, body) in cases)
        {
            using var read = await admin.GetAsync(path, Ct);
            var etag = read.Headers.ETag!.Tag;
            using (var response = await admin.SendAsync(new HttpRequestMessage(method, path) { Content = Body(body.DeepClone()) }, Ct))
            {
                await ExpectProblemAsync(response, (HttpStatusCode)428, "precondition-required");
            }

            using (var response = await admin.SendAsync(WithIfMatch(new HttpRequestMessage(method, path) { Content = Body(body.DeepClone()) }, "\"999\""), Ct))
            {
                await ExpectProblemAsync(response, HttpStatusCode.PreconditionFailed, "precondition-failed");
            }

            using (var response = await admin.SendAsync(WithIfMatch(new HttpRequestMessage(method, path) { Content = Body(body.DeepClone()) }, etag), Ct))
            {
                await ExpectJsonAsync(response, HttpStatusCode.OK);
                Assert.NotEqual(etag, response.Headers.ETag!.Tag);
            }

            // The ETag just used is stale now.
            using (var response = await admin.SendAsync(WithIfMatch(new HttpRequestMessage(method, path) { Content = Body(body.DeepClone()) }, etag), Ct))
            {
                await ExpectProblemAsync(response, HttpStatusCode.PreconditionFailed, "precondition-failed");
            }
        }

        using var after = await admin.GetAsync($"/api/users/{user}", Ct);
        var changed = await ExpectJsonAsync(after, HttpStatusCode.OK);
        Assert.Equal(("renamed", "x@example.org"), ((string?)changed["name"], (string?)changed["email"]));
        Assert.Equal(["finance"], Strings(changed["roles"]));
    }

    private static HttpRequestMessage WithIfMatch(HttpRequestMessage request, string etag)
    {
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        return request;
    }

    /// <summary>A new tenant with one user of <paramref name="role"/> in its default group, and a client acting as that user.</summary>
    private async Task<(string Tenant, string Group, string User, HttpClient Client)> TenantWithMemberAsync(HttpClient admin, string role)
    {
        var tenant = await admin.CreateTenantAsync(UniqueName("t"));
        var group = await admin.DefaultGroupAsync(tenant);
        var user = await admin.CreateUserAsync(tenant, "u-" + role, [role], group);
        return (tenant, group, user, factory.WithKey(await admin.IssueKeyAsync(user)));
    }
}
