using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Identity.ApiKeys;
using CloudBroker.Persistence;
using CloudBroker.Persistence.Idempotency;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Identity;

/// <summary>
/// A secret the API hands out is shown once and stored nowhere: not in the idempotency store (a request that makes
/// one refuses an <c>Idempotency-Key</c>), not in any database file or row, not in a cache on the way (<c>no-store</c>).
/// Of the bootstrap admin key, an operator's choice, not even a prefix is kept.
/// </summary>
public sealed class SecretStorageTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Issuing_a_key_with_an_Idempotency_Key_is_refused_and_keeps_nothing_to_replay()
    {
        using var admin = factory.CreateAdminClient();
        var key = "issue-" + Guid.NewGuid();
        foreach (var attempt in new[] { 1, 2 })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/users/admin/api-keys") { Content = Body(new JsonObject { ["name"] = "replayed" }) };
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
            using var response = await admin.SendAsync(request, Ct);
            var problem = await ExpectProblemAsync(response, HttpStatusCode.BadRequest, "validation");
            Assert.Equal("Idempotency-Key", (string?)problem["errors"]![0]!["parameter"]);
            Assert.Contains("secret", (string?)problem["detail"], StringComparison.Ordinal);
            Assert.False(response.Headers.Contains("Idempotent-Replayed"), $"attempt {attempt} was a replay");
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        Assert.False(await db.Set<IdempotencyRecord>().AnyAsync(r => r.Key == key, Ct));
        Assert.False(await db.Set<ApiKey>().AnyAsync(k => k.Name == "replayed", Ct));
    }

    [Fact]
    public async Task A_new_keys_secret_is_answered_no_store_and_is_in_no_database_file_or_row()
    {
        using var admin = factory.CreateAdminClient();
        using (var refused = new HttpRequestMessage(HttpMethod.Post, "/api/users/admin/api-keys") { Content = Body(new JsonObject()) })
        {
            refused.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString());
            (await admin.SendAsync(refused, Ct)).Dispose();
        }

        using var response = await admin.PostAsync("/api/users/admin/api-keys", Body(new JsonObject { ["name"] = "searched" }), Ct);
        var created = await ExpectJsonAsync(response, HttpStatusCode.Created);
        Assert.True(response.Headers.CacheControl?.NoStore, response.Headers.CacheControl?.ToString());
        var secret = (string)created["secret"]!;
        using (var withIt = factory.CreateAdminClient(secret))
        using (var me = await withIt.GetAsync("/api/me", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode); // the real secret, used once (key cache, audit of later writes)
        }

        using (var revoked = await admin.DeleteAsync($"/api/users/admin/api-keys/{(string)created["id"]!}", Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        }

        Assert.Empty(await factory.StoredCopiesAsync(secret));
    }

    [Fact]
    public async Task The_bootstrap_key_is_listed_without_a_prefix_and_no_part_of_it_is_stored()
    {
        using var admin = factory.CreateAdminClient();
        using var response = await admin.GetAsync("/api/users/admin/api-keys?limit=500", Ct);
        var bootstrap = (await ExpectJsonAsync(response, HttpStatusCode.OK))["items"]!.AsArray().Single(k => (string?)k!["id"] == BootstrapAdminKey.KeyId)!;
        Assert.Null((string?)bootstrap["prefix"]);
        Assert.Empty(await factory.StoredCopiesAsync(ApiFactory.AdminKey[..ApiKeySecret.PrefixLength]));
    }

    [Fact]
    public async Task A_prefix_an_earlier_version_stored_is_removed_at_the_next_start()
    {
        var data = ApiFactory.NewDataDirectory();
        try
        {
            await using (var first = ApiFactory.On(data, ApiFactory.AdminKey, deleteOnDispose: false))
            {
                using var started = first.CreateAdminClient();
                (await started.GetAsync("/api/me", Ct)).Dispose();
                await using var scope = first.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
                await db.Set<ApiKey>().Where(k => k.Id == BootstrapAdminKey.KeyId)
                    .ExecuteUpdateAsync(s => s.SetProperty(k => k.Prefix, ApiFactory.AdminKey[..ApiKeySecret.PrefixLength]), Ct);
            }

            await using var restarted = ApiFactory.On(data, ApiFactory.AdminKey, deleteOnDispose: false);
            using var admin = restarted.CreateAdminClient();
            using var response = await admin.GetAsync("/api/users/admin/api-keys?limit=500", Ct);
            var bootstrap = (await ExpectJsonAsync(response, HttpStatusCode.OK))["items"]!.AsArray().Single(k => (string?)k!["id"] == BootstrapAdminKey.KeyId)!;
            Assert.Null((string?)bootstrap["prefix"]);
            await using var check = restarted.Services.CreateAsyncScope();
            Assert.Equal("", (await check.ServiceProvider.GetRequiredService<BrokerDbContext>().Set<ApiKey>().SingleAsync(k => k.Id == BootstrapAdminKey.KeyId, Ct)).Prefix);
        }
        finally
        {
            ApiFactory.DeleteData(data);
        }
    }
}
