using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using CloudBroker.Identity.Access;
using CloudBroker.Persistence;
using CloudBroker.Persistence.Idempotency;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Http;

/// <summary><c>Idempotency-Key</c> on POST and DELETE: replay, mismatch, in flight, takeover, scope per caller.</summary>
public sealed class IdempotencyTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task The_same_key_and_body_replay_the_first_response_and_make_one_instance()
    {
        using var client = factory.CreateAdminClient();
        var name = UniqueName("idem");
        var key = Guid.NewGuid().ToString();
        using var first = await PostAsync(client, InstanceCalls.Request(name), key);
        var firstBody = await first.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);

        using var second = await PostAsync(client, InstanceCalls.Request(name), key);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(firstBody, await second.Content.ReadAsStringAsync(Ct));
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(first.Headers.GetValues("Operation-Location"), second.Headers.GetValues("Operation-Location"));
        Assert.Equal("true", Assert.Single(second.Headers.GetValues("Idempotent-Replayed")));
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));

        using var list = await client.GetAsync("/api/instances?name=" + name, Ct);
        Assert.Single((await ExpectJsonAsync(list, HttpStatusCode.OK))["items"]!.AsArray());
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_mismatch()
    {
        using var client = factory.CreateAdminClient();
        var key = Guid.NewGuid().ToString();
        using var first = await PostAsync(client, InstanceCalls.Request(UniqueName("idem-a")), key);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);

        using var second = await PostAsync(client, InstanceCalls.Request(UniqueName("idem-b")), key);
        await ExpectProblemAsync(second, HttpStatusCode.UnprocessableEntity, "idempotency-mismatch");
    }

    [Fact]
    public async Task A_key_claimed_by_a_request_still_in_flight_is_409_and_an_abandoned_claim_is_taken_over()
    {
        using var client = factory.CreateAdminClient();
        var body = InstanceCalls.Request(UniqueName("idem-flight"));
        var key = Guid.NewGuid().ToString();
        await ClaimAsync(key, body, leaseFor: TimeSpan.FromMinutes(5));

        using var inFlight = await PostAsync(client, body, key);
        var problem = await ExpectProblemAsync(inFlight, HttpStatusCode.Conflict, "idempotency-in-flight");
        Assert.True((int)problem["retryAfter"]! >= 1);

        var abandoned = Guid.NewGuid().ToString();
        await ClaimAsync(abandoned, body, leaseFor: TimeSpan.FromSeconds(-1));
        using var takeover = await PostAsync(client, body, abandoned);
        Assert.Equal(HttpStatusCode.Accepted, takeover.StatusCode);
    }

    [Fact]
    public async Task A_refused_request_does_not_use_up_its_key()
    {
        using var client = factory.CreateAdminClient();
        var key = Guid.NewGuid().ToString();
        var bad = InstanceCalls.Request(UniqueName("idem-bad"));
        bad["memoryMiB"] = 3;
        using var refused = await PostAsync(client, bad, key);
        await ExpectFieldErrorAsync(refused, "/memoryMiB");

        using var fixedRequest = await PostAsync(client, InstanceCalls.Request(UniqueName("idem-fixed")), key);
        Assert.Equal(HttpStatusCode.Accepted, fixedRequest.StatusCode);
    }

    [Fact]
    public async Task A_repeated_delete_with_its_key_replays_instead_of_refusing_the_action()
    {
        using var client = factory.CreateAdminClient();
        var instance = await client.CreateRunningAsync(InstanceCalls.Request(UniqueName("idem-del")));
        var key = Guid.NewGuid().ToString();

        using var first = await DeleteAsync(client, (string)instance["id"]!, key);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        using var second = await DeleteAsync(client, (string)instance["id"]!, key);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await second.Content.ReadAsStringAsync(Ct));

        using var withoutKey = await client.DeleteAsync("/api/instances/" + (string)instance["id"]!, Ct);
        await ExpectProblemAsync(withoutKey, HttpStatusCode.Conflict, "action-not-allowed");
    }

    [Fact]
    public async Task Keys_belong_to_their_caller()
    {
        using var admin = factory.CreateAdminClient();
        var otherSecret = await AddKeyAsync("other-user");
        using var other = factory.CreateAdminClient(otherSecret);
        var key = Guid.NewGuid().ToString();

        using var mine = await PostAsync(admin, InstanceCalls.Request(UniqueName("idem-mine")), key);
        Assert.Equal(HttpStatusCode.Accepted, mine.StatusCode);
        using var theirs = await PostAsync(other, InstanceCalls.Request(UniqueName("idem-theirs")), key);
        Assert.Equal(HttpStatusCode.Accepted, theirs.StatusCode);
        Assert.NotEqual(mine.Headers.Location, theirs.Headers.Location);
    }

    [Theory]
    [InlineData("tab\tkey")]
    [InlineData("caf\u00e9")]
    public async Task A_malformed_key_is_refused(string key)
    {
        using var client = factory.CreateAdminClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/instances") { Content = Body(InstanceCalls.Request(UniqueName("idem-x"))) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        using var response = await client.SendAsync(request, Ct);
        var problem = await ExpectProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        Assert.Equal("Idempotency-Key", (string?)problem["errors"]![0]!["parameter"]);
    }

    [Fact]
    public async Task A_key_longer_than_255_characters_is_refused()
    {
        using var client = factory.CreateAdminClient();
        using var response = await PostAsync(client, InstanceCalls.Request(UniqueName("idem-long")), new string('k', 256));
        var problem = await ExpectProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        Assert.Equal(255, (int)problem["errors"]![0]!["limit"]!["maxLength"]!);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, JsonNode body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/instances") { Content = Body(body) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return await client.SendAsync(request, Ct);
    }

    private static async Task<HttpResponseMessage> DeleteAsync(HttpClient client, string id, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/api/instances/" + id);
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return await client.SendAsync(request, Ct);
    }

    /// <summary>Leaves a claim as a request that is still running (or died) would: in flight, with a lease.</summary>
    private async Task ClaimAsync(string key, JsonNode body, TimeSpan leaseFor)
    {
        using var client = factory.CreateAdminClient();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BrokerDbContext>();
        var fingerprint = Fingerprint("POST", "/api/instances", body.ToJsonString());
        var now = DateTime.UtcNow;
        db.Add(new IdempotencyRecord
        {
            Scope = "system/admin", Key = key, Fingerprint = fingerprint,
            LeaseUntil = now + leaseFor, CreatedAt = now, ExpiresAt = now.AddDays(1),
        });
        await db.SaveChangesAsync(Ct);
    }

    private static string Fingerprint(string method, string path, string body)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{method}\n{path}\n"));
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(body));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Adds an API key for another admin of the system tenant.</summary>
    private Task<string> AddKeyAsync(string userId) => factory.AddUserKeyAsync(userId, Roles.Admin);
}
