using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Identity.Users;
using CloudBroker.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Identity;

/// <summary>
/// An OIDC identity is (issuer, tenant, subject): one tenant's users neither lock out nor reveal another tenant's
/// users of the same subject, and a token acting with fewer roles than its user's stored ones mints no keys for it.
/// </summary>
public sealed class OidcIdentityTests(OidcApiFactory factory) : IClassFixture<OidcApiFactory>
{
    [Fact]
    public async Task A_subject_taken_in_one_tenant_neither_locks_out_nor_reveals_another_tenants_user()
    {
        using var admin = factory.CreateAdminClient();
        var (attackerTenant, attackerGroup, attacker) = await TenantWithAdminAsync(admin);
        var (victimTenant, _, _) = await TenantWithAdminAsync(admin);
        var subject = "victim-" + Guid.NewGuid().ToString("N");

        // The attack: a tenant-admin of one tenant plants a user with the victim's subject.
        var planted = (await attacker.PostAsync("/api/users", UserBody(attackerGroup, subject))).Body;
        Assert.Equal((subject, OidcApiFactory.Issuer), ((string?)planted["subject"], (string?)planted["issuer"]));

        // The victim's real token still signs in, into its own tenant, as its own user.
        using var victim = factory.WithKey(factory.Token(subject, victimTenant, roles: ["member"]));
        JsonObject me;
        using (var response = await victim.GetAsync("/api/me", Ct))
        {
            me = await ExpectJsonAsync(response, HttpStatusCode.OK);
        }

        Assert.Equal(victimTenant, (string?)me["tenantId"]);
        Assert.NotEqual((string?)planted["id"], (string?)me["userId"]);
        using (var response = await admin.GetAsync($"/api/users/{me["userId"]}", Ct))
        {
            var user = await ExpectJsonAsync(response, HttpStatusCode.OK);
            Assert.Equal((subject, OidcApiFactory.Issuer, victimTenant), ((string?)user["subject"], (string?)user["issuer"], (string?)user["tenantId"]));
        }

        // A token of the attacker's tenant with that subject is the planted user: identities are per tenant.
        using (var response = await factory.WithKey(factory.Token(subject, attackerTenant)).GetAsync("/api/me", Ct))
        {
            Assert.Equal((string?)planted["id"], (string?)(await ExpectJsonAsync(response, HttpStatusCode.OK))["userId"]);
        }

        // Taking a subject that exists only in another tenant succeeds: a 409 would tell that it exists there.
        var elsewhere = "elsewhere-" + Guid.NewGuid().ToString("N");
        using (var response = await factory.WithKey(factory.Token(elsewhere, victimTenant)).GetAsync("/api/me", Ct))
        {
            await ExpectJsonAsync(response, HttpStatusCode.OK);
        }

        using (var response = await attacker.PostAsync("/api/users", Body(UserBody(attackerGroup, elsewhere)), Ct))
        {
            await ExpectJsonAsync(response, HttpStatusCode.Created);
        }

        // Inside one tenant a subject still names one user.
        using (var response = await attacker.PostAsync("/api/users", Body(UserBody(attackerGroup, subject)), Ct))
        {
            var problem = await ExpectProblemAsync(response, HttpStatusCode.Conflict, "conflict");
            Assert.Contains("this tenant", (string)problem["detail"]!);
        }
    }

    [Fact]
    public async Task A_subject_stored_before_issuers_were_is_the_configured_issuers_at_its_next_sign_in()
    {
        using var admin = factory.CreateAdminClient();
        var tenant = await admin.CreateTenantAsync(UniqueName("legacy"));
        var group = await admin.DefaultGroupAsync(tenant);
        var user = await admin.CreateUserAsync(tenant, "old-timer", ["member"], group);
        var subject = "legacy-" + Guid.NewGuid().ToString("N");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            // What the migration leaves of a subject set before this version: no issuer.
            var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
            await db.Set<User>().Where(u => u.Id == user).ExecuteUpdateAsync(s => s.SetProperty(u => u.Subject, subject), Ct);
        }

        using (var response = await factory.WithKey(factory.Token(subject, tenant)).GetAsync("/api/me", Ct))
        {
            Assert.Equal(user, (string?)(await ExpectJsonAsync(response, HttpStatusCode.OK))["userId"]);
        }

        using (var response = await admin.GetAsync($"/api/users/{user}", Ct))
        {
            Assert.Equal(OidcApiFactory.Issuer, (string?)(await ExpectJsonAsync(response, HttpStatusCode.OK))["issuer"]);
        }
    }

    [Fact]
    public async Task A_token_with_fewer_roles_than_its_user_mints_no_key_for_it()
    {
        using var admin = factory.CreateAdminClient();
        var (tenant, group, _) = await TenantWithAdminAsync(admin);
        var subject = "boss-" + Guid.NewGuid().ToString("N");
        var boss = (string)(await admin.PostAsync("/api/users", UserBody(group, subject, tenant, "tenant-admin"))).Body["id"]!;

        // The token says member: a key would act with the stored tenant-admin role.
        using (var response = await factory.WithKey(factory.Token(subject, tenant, roles: ["member"])).PostAsync($"/api/users/{boss}/api-keys", Body(new JsonObject()), Ct))
        {
            await ExpectProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
        }

        // Without a roles claim the token acts with the stored roles, and the user keys itself.
        using (var response = await factory.WithKey(factory.Token(subject, tenant)).PostAsync($"/api/users/{boss}/api-keys", Body(new JsonObject()), Ct))
        {
            await ExpectJsonAsync(response, HttpStatusCode.Created);
        }
    }

    private static JsonObject UserBody(string group, string subject, string? tenant = null, string role = "member")
    {
        var body = new JsonObject
        {
            ["name"] = UniqueName("u"), ["roles"] = new JsonArray(role), ["groupIds"] = new JsonArray(group), ["subject"] = subject,
        };
        return tenant is null ? body : body.Also("tenantId", tenant);
    }

    /// <summary>A new tenant, its default group and a client of a tenant-admin of it (an API key).</summary>
    private async Task<(string Tenant, string Group, HttpClient Client)> TenantWithAdminAsync(HttpClient admin)
    {
        var tenant = await admin.CreateTenantAsync(UniqueName("t"));
        var group = await admin.DefaultGroupAsync(tenant);
        var user = await admin.CreateUserAsync(tenant, "boss", ["tenant-admin"], group);
        return (tenant, group, factory.WithKey(await admin.IssueKeyAsync(user)));
    }
}
