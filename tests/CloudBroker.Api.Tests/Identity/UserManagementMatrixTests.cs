using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Identity;

/// <summary>
/// Beside the authorization matrix (which role may call which endpoint): who may manage whom. Every caller
/// asks, for every user, for its API keys and to change it (PATCH with a stale <c>If-Match</c>, so nothing changes:
/// a caller allowed to manage the user gets as far as the precondition, 412). The reviewed table is the rule of
/// <c>UserAuthority</c> written out; a change to the rule must be written here too.
/// </summary>
public sealed class UserManagementMatrixTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    // Users (id: tenant, roles). "admin" is the bootstrap admin; "mm-t" and "mm-u" are two ordinary tenants.
    private static readonly (string Id, string Tenant, string Roles)[] Users =
    [
        ("admin", "system", "admin"),
        ("mm-admin", "system", "admin"),
        ("mm-sys-ta", "system", "tenant-admin"),
        ("mm-sys-aud", "system", "auditor"),
        ("mm-sys-fin", "system", "finance"),
        ("mm-sys-mem", "system", "member"),
        ("mm-t-ta", "mm-t", "tenant-admin"),
        ("mm-t-aud", "mm-t", "auditor"),
        ("mm-t-fin", "mm-t", "finance"),
        ("mm-t-mem", "mm-t", "member"),
        ("mm-u-mem", "mm-u", "member"),
    ];

    // Each cell: GET /api/users/{target}/api-keys, then PATCH /api/users/{target}. 200/412 = manages the target
    // (its keys, and a change reaches the precondition); 200/403 = its own keys only (its role manages no users);
    // 403 = refused (the target reaches further, or the caller's role manages no one); 404 = not in a tenant the
    // caller changes (for the system tenant's auditor and finance too, who read every tenant but change none).
    private const string ReviewedTable = """
        caller \ target  admin    mm-admin mm-sys-ta mm-sys-aud mm-sys-fin mm-sys-mem mm-t-ta mm-t-aud mm-t-fin mm-t-mem mm-u-mem
        admin            200/412  200/412  200/412   200/412    200/412    200/412    200/412 200/412  200/412  200/412  200/412
        mm-admin         200/412  200/412  200/412   200/412    200/412    200/412    200/412 200/412  200/412  200/412  200/412
        mm-sys-ta        403/403  403/403  200/412   403/403    403/403    200/412    404/404 404/404  404/404  404/404  404/404
        mm-sys-aud       403/403  403/403  403/403   200/403    403/403    403/403    404/403 404/403  404/403  404/403  404/403
        mm-sys-fin       403/403  403/403  403/403   403/403    200/403    403/403    404/403 404/403  404/403  404/403  404/403
        mm-sys-mem       403/403  403/403  403/403   403/403    403/403    200/403    404/403 404/403  404/403  404/403  404/403
        mm-t-ta          404/404  404/404  404/404   404/404    404/404    404/404    200/412 200/412  200/412  200/412  404/404
        mm-t-aud         404/403  404/403  404/403   404/403    404/403    404/403    403/403 200/403  403/403  403/403  404/403
        mm-t-fin         404/403  404/403  404/403   404/403    404/403    404/403    403/403 403/403  200/403  403/403  404/403
        mm-t-mem         404/403  404/403  404/403   404/403    404/403    404/403    403/403 403/403  403/403  200/403  404/403
        mm-u-mem         404/403  404/403  404/403   404/403    404/403    404/403    404/403 404/403  404/403  404/403  200/403
        """;

    [Fact]
    public async Task Who_may_manage_whom_is_the_reviewed_table()
    {
        var keys = new Dictionary<string, string> { ["admin"] = ApiFactory.AdminKey };
        foreach (var (id, tenant, roles) in Users.Where(u => u.Id != "admin"))
        {
            keys[id] = await factory.AddUserKeyAsync(id, roles, tenant);
        }

        var actual = new StringBuilder("caller \\ target  " + string.Join(' ', Users.Select(u => u.Id)));
        foreach (var (caller, _, _) in Users)
        {
            using var client = factory.WithKey(keys[caller]);
            actual.Append('\n').Append(caller);
            foreach (var (target, _, _) in Users)
            {
                using var list = await client.GetAsync($"/api/users/{target}/api-keys", Ct);
                using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/users/{target}") { Content = Body(new JsonObject()) };
                patch.Headers.TryAddWithoutValidation("If-Match", "\"999999\"");
                using var changed = await client.SendAsync(patch, Ct);
                actual.Append(' ').Append((int)list.StatusCode).Append('/').Append((int)changed.StatusCode);
            }
        }

        Assert.True(Normalize(ReviewedTable) == Normalize(actual.ToString()),
            $"who may manage whom differs from the reviewed table; the app's:\n{actual}");
    }

    [Fact]
    public async Task The_system_tenants_auditor_and_finance_read_every_tenant_and_change_none()
    {
        using var admin = factory.CreateAdminClient();
        var tenant = await admin.CreateTenantAsync(UniqueName("seen"));
        var group = await admin.DefaultGroupAsync(tenant);
        var user = await admin.CreateUserAsync(tenant, "owner", ["member"], group);
        using var owner = factory.WithKey(await admin.IssueKeyAsync(user));
        var instance = (string)(await owner.CreateRunningAsync(InstanceCalls.Request(UniqueName("vm"))))["id"]!;
        string operation;
        using (var response = await owner.GetAsync($"/api/instances/{instance}/events", Ct))
        {
            operation = (string)(await ExpectJsonAsync(response, HttpStatusCode.OK))["items"]!.AsArray().First(e => e!["operationId"] is not null)!["operationId"]!;
        }

        var key = (string)(await owner.PostAsync("/api/keys", new JsonObject { ["name"] = "k", ["publicKey"] = SshKeys.Ed25519().Line })).Body["id"]!;
        var reads = new[]
        {
            $"/api/tenants/{tenant}", $"/api/groups/{group}", $"/api/users/{user}", $"/api/instances/{instance}", $"/api/instances/{instance}/events",
            $"/api/operations/{operation}", $"/api/keys/{key}", $"/api/quotas/tenant/{tenant}", $"/api/quotas/user/{user}/usage",
        };
        var lists = new[] { ("/api/tenants?limit=500", tenant), ("/api/users?limit=500", user), ("/api/instances?limit=500", instance), ("/api/keys?limit=500", key), ("/api/groups?limit=500", group) };

        var readers = new[] { "auditor", "finance", "auditor member", "auditor tenant-admin" };
        var others = new[] { "member", "tenant-admin" };
        foreach (var roles in readers.Concat(others))
        {
            using var client = factory.WithKey(await factory.AddUserKeyAsync(UniqueName("sys"), roles));
            var everywhere = readers.Contains(roles);
            foreach (var path in reads)
            {
                using var response = await client.GetAsync(path, Ct);
                if (everywhere)
                {
                    await ExpectJsonAsync(response, HttpStatusCode.OK);
                }
                else
                {
                    await ExpectProblemAsync(response, HttpStatusCode.NotFound, "not-found");
                }
            }

            foreach (var (path, id) in lists)
            {
                using var response = await client.GetAsync(path, Ct);
                var items = (await ExpectJsonAsync(response, HttpStatusCode.OK))["items"]!.AsArray();
                Assert.True(everywhere == items.Any(i => (string?)i!["id"] == id), $"{roles}: {path} lists {id}: {!everywhere}");
            }

            using (var response = await client.GetAsync("/api/quotas/provider/mock", Ct))
            {
                Assert.Equal(everywhere ? HttpStatusCode.OK : HttpStatusCode.Forbidden, response.StatusCode);
            }
        }

        // Reading every tenant widens no change: a system user who reads everywhere and may also operate or manage
        // changes only its own tenant; elsewhere its changes answer as if nothing were there.
        using var operatorReader = factory.WithKey(await factory.AddUserKeyAsync(UniqueName("sys"), "auditor member"));
        using var managerReader = factory.WithKey(await factory.AddUserKeyAsync(UniqueName("sys"), "auditor tenant-admin"));
        foreach (var (client, method, path, body) in new (HttpClient, HttpMethod, string, JsonObject?)[]
        {
            (operatorReader, HttpMethod.Post, $"/api/instances/{instance}/stop", null),
            (operatorReader, HttpMethod.Delete, $"/api/instances/{instance}", null),
            (operatorReader, HttpMethod.Delete, $"/api/keys/{key}", null),
            (managerReader, HttpMethod.Post, $"/api/users/{user}/api-keys", new JsonObject()),
            (managerReader, HttpMethod.Get, $"/api/users/{user}/api-keys", null),
            (managerReader, HttpMethod.Delete, $"/api/users/{user}", null),
            (managerReader, HttpMethod.Patch, $"/api/users/{user}", new JsonObject { ["name"] = "taken" }),
            (managerReader, HttpMethod.Put, $"/api/groups/{group}", new JsonObject { ["name"] = "taken" }),
            (managerReader, HttpMethod.Delete, $"/api/groups/{group}", null),
            (managerReader, HttpMethod.Put, $"/api/quotas/user/{user}", new JsonObject { ["limits"] = new JsonObject { ["instances"] = 0 } }),
        })
        {
            using var request = new HttpRequestMessage(method, path);
            if (body is not null)
            {
                request.Content = Body(body);
                request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            }

            using var response = await client.SendAsync(request, Ct);
            await ExpectProblemAsync(response, HttpStatusCode.NotFound, "not-found");
        }

        using (var response = await managerReader.PostAsync("/api/users", Body(new JsonObject
        {
            ["tenantId"] = tenant, ["name"] = "planted", ["roles"] = new JsonArray("tenant-admin"), ["groupIds"] = new JsonArray(group),
        }), Ct))
        {
            await ExpectFieldErrorAsync(response, "/tenantId");
        }

        // Nothing changed.
        using (var response = await owner.GetAsync($"/api/instances/{instance}", Ct))
        {
            Assert.Equal("running", (string?)(await ExpectJsonAsync(response, HttpStatusCode.OK))["state"]);
        }

        using (var response = await owner.GetAsync($"/api/keys/{key}", Ct))
        {
            await ExpectJsonAsync(response, HttpStatusCode.OK);
        }

        using (var response = await owner.GetAsync("/api/me", Ct))
        {
            await ExpectJsonAsync(response, HttpStatusCode.OK);
        }

        using (var response = await admin.GetAsync($"/api/groups/{group}", Ct))
        {
            Assert.Equal("default", (string?)(await ExpectJsonAsync(response, HttpStatusCode.OK))["name"]);
        }
    }

    private static string Normalize(string table) =>
        string.Join('\n', table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries))));
}
