using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using Microsoft.IdentityModel.Tokens;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Identity;

/// <summary>JWT bearer tokens of the configured OIDC issuer: claims become user, tenant, roles and groups.</summary>
public sealed class OidcTests(OidcApiFactory factory) : IClassFixture<OidcApiFactory>
{
    [Fact]
    public async Task A_first_token_makes_its_user_and_later_tokens_act_as_it()
    {
        using var admin = factory.CreateAdminClient();
        var tenant = await admin.CreateTenantAsync(UniqueName("oidc"));
        var defaultGroup = await admin.DefaultGroupAsync(tenant);
        var research = (string)(await admin.PostAsync("/api/groups", new JsonObject { ["name"] = "research", ["tenantId"] = tenant })).Body["id"]!;
        var subject = Guid.NewGuid().ToString();
        var token = factory.Token(subject, tenant, roles: ["member"], groups: ["research", defaultGroup], name: "Dana Scully");

        using var dana = factory.WithKey(token);
        JsonObject me;
        using (var response = await dana.GetAsync("/api/me", Ct))
        {
            me = await ExpectJsonAsync(response, HttpStatusCode.OK);
        }

        Assert.Equal((tenant, "dana-scully", "Oidc"), ((string?)me["tenantId"], (string?)me["name"], (string?)me["authenticatedBy"]));
        Assert.Equal(["member"], Strings(me["roles"]));
        Assert.Equal([research, defaultGroup], Strings(me["groupIds"]));

        var (instance, _) = await dana.CreateAsync(InstanceCalls.Request(UniqueName("vm")));
        using (var response = await admin.GetAsync($"/api/instances/{instance}", Ct))
        {
            var made = await ExpectJsonAsync(response, HttpStatusCode.OK);
            Assert.Equal((tenant, (string?)me["userId"], research), ((string?)made["tenantId"], (string?)made["ownerId"], (string?)made["groupId"]));
        }

        using (var response = await admin.GetAsync($"/api/users/{me["userId"]}", Ct))
        {
            var user = await ExpectJsonAsync(response, HttpStatusCode.OK);
            Assert.Equal(subject, (string?)user["subject"]);
        }

        // A new token of the same subject is the same user.
        using var again = factory.WithKey(factory.Token(subject, tenant, roles: ["member"]));
        using (var response = await again.GetAsync("/api/me", Ct))
        {
            Assert.Equal((string?)me["userId"], (string?)(await ExpectJsonAsync(response, HttpStatusCode.OK))["userId"]);
        }
    }

    [Fact]
    public async Task Roles_come_from_the_token_and_admin_only_counts_in_the_system_tenant()
    {
        using var admin = factory.CreateAdminClient();
        var tenant = await admin.CreateTenantAsync(UniqueName("oidc"));
        using var auditor = factory.WithKey(factory.Token(Guid.NewGuid().ToString(), tenant, roles: ["auditor"]));
        using (var response = await auditor.PostAsync(InstanceCalls.Request(UniqueName("vm"))))
        {
            await ExpectProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        }

        using (var response = await auditor.GetAsync("/api/instances", Ct))
        {
            await ExpectJsonAsync(response, HttpStatusCode.OK);
        }

        using var pretender = factory.WithKey(factory.Token(Guid.NewGuid().ToString(), tenant, roles: ["admin", "member"]));
        using (var response = await pretender.PostAsync("/api/tenants", Body(new JsonObject { ["name"] = "mine" }), Ct))
        {
            await ExpectProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        }

        using var operatorToken = factory.WithKey(factory.Token(Guid.NewGuid().ToString(), "system", roles: ["admin"], groups: ["system"]));
        using (var response = await operatorToken.PostAsync("/api/tenants", Body(new JsonObject { ["name"] = UniqueName("by-token") }), Ct))
        {
            await ExpectJsonAsync(response, HttpStatusCode.Created);
        }
    }

    [Fact]
    public async Task Bad_tokens_are_refused_with_the_reason_and_api_keys_keep_working()
    {
        using var admin = factory.CreateAdminClient();
        var tenant = await admin.CreateTenantAsync(UniqueName("oidc"));
        var forged = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-key-1" };
        var cases = new (string Token, string Reason)[]
        {
            (factory.Token("s1", tenant, audience: "someone-else"), "audience"),
            (factory.Token("s2", tenant, expires: DateTime.UtcNow.AddMinutes(-5)), "expired"),
            (factory.Token("s3", tenant, signWith: forged), "signature"),
            (factory.Token("s4", "no-such-tenant"), "no-such-tenant"),
            (factory.Token("s5", tenant: null), "tenant"),
            ("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "token"),
        };
        foreach (var (token, reason) in cases)
        {
            using var client = factory.WithKey(token);
            using var response = await client.GetAsync("/api/me", Ct);
            var problem = await ExpectProblemAsync(response, HttpStatusCode.Unauthorized, "unauthenticated");
            Assert.Contains(reason, (string)problem["detail"]!);
            Assert.DoesNotContain(token, (string)problem["detail"]!);
        }

        using (var response = await admin.GetAsync("/api/me", Ct))
        {
            Assert.Equal("admin", (string?)(await ExpectJsonAsync(response, HttpStatusCode.OK))["userId"]);
        }
    }

    [Fact]
    public async Task A_disabled_user_is_refused_even_with_a_valid_token()
    {
        using var admin = factory.CreateAdminClient();
        var tenant = await admin.CreateTenantAsync(UniqueName("oidc"));
        var subject = Guid.NewGuid().ToString();
        using var user = factory.WithKey(factory.Token(subject, tenant, roles: ["member"]));
        string id;
        using (var response = await user.GetAsync("/api/me", Ct))
        {
            id = (string)(await ExpectJsonAsync(response, HttpStatusCode.OK))["userId"]!;
        }

        using (var response = await admin.DeleteAsync($"/api/users/{id}", Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        using (var response = await user.GetAsync("/api/me", Ct))
        {
            Assert.Contains("disabled", (string)(await ExpectProblemAsync(response, HttpStatusCode.Unauthorized, "unauthenticated"))["detail"]!);
        }
    }
}
