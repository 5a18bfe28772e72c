using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Identity.ApiKeys;
using CloudBroker.Identity.Tenancy;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Identity;

/// <summary>
/// The bootstrap admin key once revoked stays revoked across restarts (it may have leaked); the operator gets
/// one back by configuring another key. Only an admin may revoke it.
/// </summary>
public sealed class BootstrapKeyTests
{
    private const string ReplacementKey = "cb-test-replacement-key-7d0e4b9a2c61f385";

    [Fact]
    public async Task A_revoked_configured_key_stays_revoked_after_a_restart_until_another_key_is_configured()
    {
        var data = ApiFactory.NewDataDirectory();
        try
        {
            string spare;
            await using (var first = ApiFactory.On(data, ApiFactory.AdminKey, deleteOnDispose: false))
            {
                using var admin = first.CreateAdminClient();
                spare = await admin.IssueKeyAsync(SystemTenant.AdminUserId);
                using var attacker = first.WithKey(await first.AddUserKeyAsync("sys-ta", "tenant-admin"));
                using (var response = await attacker.DeleteAsync($"/api/users/admin/api-keys/{BootstrapAdminKey.KeyId}", Ct))
                {
                    await ExpectProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
                }

                await ExpectWorksAsync(admin);
                using (var response = await admin.DeleteAsync($"/api/users/admin/api-keys/{BootstrapAdminKey.KeyId}", Ct))
                {
                    Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
                }

                await ExpectRefusedAsync(admin);
            }

            await using (var restarted = ApiFactory.On(data, ApiFactory.AdminKey, deleteOnDispose: false))
            {
                await ExpectRefusedAsync(restarted.CreateAdminClient());
                using var other = restarted.WithKey(spare);
                await ExpectWorksAsync(other);
                Assert.NotNull(await BootstrapRevokedAtAsync(other));
            }

            // The operator's way back: another configured key replaces the revoked one and works.
            await using var recovered = ApiFactory.On(data, ReplacementKey, deleteOnDispose: false);
            await ExpectWorksAsync(recovered.CreateAdminClient());
            await ExpectRefusedAsync(recovered.CreateAdminClient(ApiFactory.AdminKey));
            Assert.Null(await BootstrapRevokedAtAsync(recovered.CreateAdminClient()));
        }
        finally
        {
            ApiFactory.DeleteData(data);
        }
    }

    [Fact]
    public async Task A_revoked_generated_key_stays_revoked_after_a_restart()
    {
        var data = ApiFactory.NewDataDirectory();
        try
        {
            string generated;
            await using (var first = ApiFactory.On(data, adminKey: null, deleteOnDispose: false))
            {
                _ = first.Server;
                generated = (await File.ReadAllTextAsync(Path.Combine(data, BootstrapAdminKey.FileName), Ct)).Trim();
                using var admin = first.CreateAdminClient(generated);
                using var response = await admin.DeleteAsync($"/api/users/admin/api-keys/{BootstrapAdminKey.KeyId}", Ct);
                Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            }

            await using var restarted = ApiFactory.On(data, adminKey: null, deleteOnDispose: false);
            await ExpectRefusedAsync(restarted.CreateAdminClient(generated));
            Assert.Equal(generated, (await File.ReadAllTextAsync(Path.Combine(data, BootstrapAdminKey.FileName), Ct)).Trim());
        }
        finally
        {
            ApiFactory.DeleteData(data);
        }
    }

    private static async Task ExpectWorksAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/me", Ct);
        Assert.Equal("admin", (string?)(await ExpectJsonAsync(response, HttpStatusCode.OK))["userId"]);
    }

    private static async Task ExpectRefusedAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/me", Ct);
        await ExpectProblemAsync(response, HttpStatusCode.Unauthorized, "unauthenticated");
    }

    private static async Task<string?> BootstrapRevokedAtAsync(HttpClient admin)
    {
        using var response = await admin.GetAsync("/api/users/admin/api-keys?limit=500", Ct);
        var items = (await ExpectJsonAsync(response, HttpStatusCode.OK))["items"]!.AsArray();
        return (string?)items.Single(k => (string?)k!["id"] == BootstrapAdminKey.KeyId)!["revokedAt"];
    }
}
