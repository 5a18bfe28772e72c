using System.Net;
using System.Text.Json.Nodes;
using CloudBroker.Api.Tests.Infrastructure;
using Xunit;
using static CloudBroker.Api.Tests.Infrastructure.Wire;

namespace CloudBroker.Api.Tests.Http;

/// <summary>
/// A database that is busy for a moment is answered as such, never as a server fault: a request that lost a race is run
/// again and accepted once; one that keeps losing, or meets a database that cannot take it, is answered
/// <c>503 database-busy</c> with <c>Retry-After</c> and leaves nothing behind, not even a claimed <c>Idempotency-Key</c>.
/// The engine's own errors are injected in front of its database (SQLite, and PostgreSQL with <c>CB_TEST_DATABASE=postgres</c>).
/// </summary>
public sealed class TransientDatabaseErrorTests(DatabaseFaultFactory factory) : IClassFixture<DatabaseFaultFactory>
{
    [Fact]
    public async Task A_create_that_lost_a_race_is_run_again_and_accepted_once()
    {
        using var client = factory.CreateAdminClient();
        var name = UniqueName("race-once");
        factory.Fault.Arm(DatabaseFault.InsertInstance(), DatabaseFault.Kind.Contention, times: 1);

        var (id, _) = await client.CreateAsync(InstanceCalls.Request(name));

        Assert.Equal(1, factory.Fault.Fired);
        Assert.Equal([id], await IdsNamedAsync(client, name));
        await client.WaitForStateAsync(id, "running"); // its outbox row was committed with it
    }

    [Fact]
    public async Task A_keyed_create_that_lost_a_race_is_run_again_under_its_key_and_replayed_after()
    {
        using var client = factory.CreateAdminClient();
        var name = UniqueName("race-keyed");
        var key = Guid.NewGuid().ToString();
        factory.Fault.Arm(DatabaseFault.InsertInstance(), DatabaseFault.Kind.Contention, times: 2);

        using var first = await PostAsync(client, InstanceCalls.Request(name), key);
        var operation = await ExpectJsonAsync(first, HttpStatusCode.Accepted);
        Assert.Equal(2, factory.Fault.Fired);

        using var again = await PostAsync(client, InstanceCalls.Request(name), key);
        Assert.Equal("true", Assert.Single(again.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal((string?)operation["id"], (string?)(await ExpectJsonAsync(again, HttpStatusCode.Accepted))["id"]);
        Assert.Single(await IdsNamedAsync(client, name));
    }

    [Fact]
    public async Task A_create_that_keeps_losing_is_answered_503_with_retry_after_and_its_key_runs_afresh_later()
    {
        using var client = factory.CreateAdminClient();
        var name = UniqueName("race-lost");
        var key = Guid.NewGuid().ToString();
        factory.Fault.Arm(DatabaseFault.InsertInstance(), DatabaseFault.Kind.Contention, times: 3);

        using var busy = await PostAsync(client, InstanceCalls.Request(name), key);
        await ExpectBusyAsync(busy);
        Assert.Equal(3, factory.Fault.Fired); // three runs, then the answer
        Assert.Empty(await IdsNamedAsync(client, name));

        using var retry = await PostAsync(client, InstanceCalls.Request(name), key); // what Retry-After asks for, with the same key
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.False(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Single(await IdsNamedAsync(client, name));
    }

    [Fact]
    public async Task A_database_that_cannot_take_the_request_is_answered_503_at_once_and_nothing_is_left_behind()
    {
        using var client = factory.CreateAdminClient();
        var name = UniqueName("unavailable");
        factory.Fault.Arm(DatabaseFault.InsertInstance(), DatabaseFault.Kind.Unavailable, times: 2);

        using var busy = await PostAsync(client, InstanceCalls.Request(name), key: null);
        await ExpectBusyAsync(busy);
        Assert.Equal(1, factory.Fault.Fired); // not run again: the client retries, with its key if the commit's outcome is unknown
        Assert.Empty(await IdsNamedAsync(client, name));

        using var keyed = await PostAsync(client, InstanceCalls.Request(name), Guid.NewGuid().ToString());
        await ExpectBusyAsync(keyed);
        factory.Fault.Disarm();
        var (id, _) = await client.CreateAsync(InstanceCalls.Request(name));
        Assert.Equal([id], await IdsNamedAsync(client, name));
    }

    private static async Task ExpectBusyAsync(HttpResponseMessage response)
    {
        var problem = await ExpectProblemAsync(response, HttpStatusCode.ServiceUnavailable, "database-busy");
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        Assert.Equal(1, (int?)problem["retryAfter"]);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, JsonObject body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/instances") { Content = Body(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await client.SendAsync(request, Ct);
    }

    private static async Task<string[]> IdsNamedAsync(HttpClient client, string name)
    {
        using var list = await client.GetAsync("/api/instances?name=" + name, Ct);
        return [.. (await ExpectJsonAsync(list, HttpStatusCode.OK))["items"]!.AsArray().Select(i => (string)i!["id"]!)];
    }
}
