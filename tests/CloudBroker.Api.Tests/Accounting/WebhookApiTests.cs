using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Accounting.Webhooks;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Persistence;
using CloudBroker.Persistence.Idempotency;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Accounting;

/// <summary>
/// Issue 20, item 5 (webhooks): a URL is held to the providers' endpoint policy (metadata, link-local and own-host
/// addresses refused with a problem naming <c>/url</c>); the secret is in the create answer only, never in a read,
/// never stored in clear, and the create refuses an <c>Idempotency-Key</c>; a tenant-admin manages its own tenant's
/// webhooks only, a member none.
/// </summary>
public sealed class WebhookApiTests(WebhookFactory factory) : IClassFixture<WebhookFactory>
{
    public static TheoryData<string> RefusedUrls() =>
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://[fd00:ec2::254]/",
        "https://[fe80::1]/hook",
        "http://[::ffff:169.254.169.254]/",
        "http://0xa9fea9fe/",
        "http://127.0.0.2:8080/", // loopback beyond the one address this test's policy names
        "http://0.0.0.0:8080/",
    ];

    [Theory]
    [MemberData(nameof(RefusedUrls))]
    public async Task A_metadata_link_local_or_own_host_url_is_refused_naming_the_field(string url)
    {
        var (tenantId, tenantAdmin) = await NewTenantAdminAsync();
        using var response = await tenantAdmin.PostAsync("/api/webhooks", Body(new JsonObject { ["url"] = url }), Ct);

        var error = await ExpectFieldErrorAsync(response, "/url");
        Assert.Contains("may not reach", (string?)error["detail"], StringComparison.Ordinal);
        Assert.Contains("CloudBroker:ProviderEndpoints:Allow", (string?)error["detail"], StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<BrokerDbContext>().Set<Webhook>().AnyAsync(w => w.TenantId == tenantId, Ct));
    }

    [Theory]
    [InlineData("ftp://hooks.example.com/", "https or http")]
    [InlineData("https://user:pw@hooks.example.com/", "user info")]
    [InlineData("/relative", "https or http")]
    public async Task A_url_that_is_not_a_plain_http_url_is_refused(string url, string why)
    {
        var (_, tenantAdmin) = await NewTenantAdminAsync();
        using var response = await tenantAdmin.PostAsync("/api/webhooks", Body(new JsonObject { ["url"] = url }), Ct);
        Assert.Contains(why, (string?)(await ExpectFieldErrorAsync(response, "/url"))["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_secret_is_shown_once_refuses_an_Idempotency_Key_and_is_stored_only_sealed()
    {
        var (tenantId, tenantAdmin) = await NewTenantAdminAsync();
        var key = "hook-" + Guid.NewGuid();
        using (var keyed = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks") { Content = Body(new JsonObject { ["url"] = "https://hooks.example.com/a" }) })
        {
            keyed.Headers.TryAddWithoutValidation("Idempotency-Key", key);
            using var refused = await tenantAdmin.SendAsync(keyed, Ct);
            var problem = await ExpectProblemAsync(refused, HttpStatusCode.BadRequest, "validation");
            Assert.Equal("Idempotency-Key", (string?)problem["errors"]![0]!["parameter"]);
        }

        using var response = await tenantAdmin.PostAsync("/api/webhooks", Body(new JsonObject { ["url"] = "https://hooks.example.com/a", ["description"] = "finance bot" }), Ct);
        var created = await ExpectJsonAsync(response, HttpStatusCode.Created);
        Assert.True(response.Headers.CacheControl?.NoStore, response.Headers.CacheControl?.ToString());
        var id = (string)created["id"]!;
        var secret = (string)created["secret"]!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.True(secret.Length >= 40, secret.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal($"/api/webhooks/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal((tenantId, "https://hooks.example.com/a", "finance bot"), ((string?)created["tenantId"], (string?)created["url"], (string?)created["description"]));

        var read = await ExpectJsonAsync(await tenantAdmin.GetAsync($"/api/webhooks/{id}", Ct), HttpStatusCode.OK);
        AssertMembers(read, "id", "tenantId", "url", "description", "createdAt");
        var listed = (await ExpectJsonAsync(await tenantAdmin.GetAsync("/api/webhooks", Ct), HttpStatusCode.OK))["items"]!.AsArray();
        Assert.Equal([id], listed.Select(w => (string)w!["id"]!));
        Assert.DoesNotContain("secret", listed[0]!.AsObject().Select(p => p.Key));

        Assert.Empty(await factory.StoredCopiesAsync(secret));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        Assert.False(await db.Set<IdempotencyRecord>().AnyAsync(r => r.Key == key, Ct));
        Assert.Equal(1, await db.Set<Webhook>().CountAsync(w => w.TenantId == tenantId, Ct)); // the keyed request made none
    }

    [Fact]
    public async Task A_tenant_admin_manages_only_its_own_tenants_webhooks_and_a_member_none()
    {
        var (tenantId, tenantAdmin) = await NewTenantAdminAsync();
        var (otherTenant, otherAdmin) = await NewTenantAdminAsync();
        var id = (string)(await ExpectJsonAsync(await tenantAdmin.PostAsync("/api/webhooks", Body(new JsonObject { ["url"] = "https://hooks.example.com/b" }), Ct), HttpStatusCode.Created))["id"]!;

        foreach (var path in new[] { $"/api/webhooks/{id}", $"/api/webhooks/{id}/deliveries" })
        {
            await ExpectProblemAsync(await otherAdmin.GetAsync(path, Ct), HttpStatusCode.NotFound, "not-found");
        }

        await ExpectProblemAsync(await otherAdmin.DeleteAsync($"/api/webhooks/{id}", Ct), HttpStatusCode.NotFound, "not-found");
        Assert.Empty((await ExpectJsonAsync(await otherAdmin.GetAsync($"/api/webhooks?tenantId={tenantId}", Ct), HttpStatusCode.OK))["items"]!.AsArray());
        using (var intoOther = await otherAdmin.PostAsync("/api/webhooks", Body(new JsonObject { ["url"] = "https://hooks.example.com/c", ["tenantId"] = tenantId }), Ct))
        {
            await ExpectProblemAsync(intoOther, HttpStatusCode.NotFound, "not-found");
        }

        using var member = factory.CreateAdminClient(await factory.AddUserKeyAsync(tenantId + "-member", "member", tenantId));
        await ExpectProblemAsync(await member.GetAsync("/api/webhooks", Ct), HttpStatusCode.Forbidden, "forbidden");
        await ExpectProblemAsync(await member.PostAsync("/api/webhooks", Body(new JsonObject { ["url"] = "https://hooks.example.com/d" }), Ct), HttpStatusCode.Forbidden, "forbidden");

        using var admin = factory.CreateAdminClient();
        var byAdmin = await ExpectJsonAsync(await admin.PostAsync("/api/webhooks", Body(new JsonObject { ["url"] = "https://hooks.example.com/e", ["tenantId"] = otherTenant }), Ct), HttpStatusCode.Created);
        Assert.Equal(otherTenant, (string?)byAdmin["tenantId"]);
        Assert.Equal(HttpStatusCode.NoContent, (await tenantAdmin.DeleteAsync($"/api/webhooks/{id}", Ct)).StatusCode);
        await ExpectProblemAsync(await tenantAdmin.GetAsync($"/api/webhooks/{id}", Ct), HttpStatusCode.NotFound, "not-found");
    }

    private async Task<(string TenantId, HttpClient Client)> NewTenantAdminAsync()
    {
        var tenantId = UniqueName("hooks");
        var key = await factory.AddUserKeyAsync(tenantId + "-admin", "tenant-admin", tenantId);
        return (tenantId, factory.CreateAdminClient(key));
    }
}
