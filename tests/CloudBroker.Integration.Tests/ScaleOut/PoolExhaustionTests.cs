using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudBroker.Integration.Tests.Quotas;
using Npgsql;

namespace CloudBroker.Integration.Tests.ScaleOut;

/// <summary>
/// A process whose every pooled connection is taken waits its <c>ConnectionTimeout</c> for one, then answers
/// <c>503 database-busy</c> with <c>Retry-After</c> (it used to wait Npgsql's 15 s and answer 500); the key of that request was
/// never claimed, so its retry after <c>Retry-After</c> is carried out. The connections are held by creates that wait for a
/// quota counter row a concurrent transaction locks, as creates of one tenant queue behind each other under load.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class PoolExhaustionTests
{
    private const int PoolSize = 4;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 120_000)]
    public async Task When_every_connection_is_busy_a_request_waits_the_stated_time_then_answers_503_and_its_retry_is_carried_out()
    {
        var folder = ScenarioFolder.Create("pool-exhaustion", 1);
        await using (var broker = await PostgresBroker.StartAsync(folder, new Dictionary<string, string>
        {
            ["CloudBroker__Database__MaxPoolSize"] = PoolSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["CloudBroker__Database__ConnectionTimeout"] = "00:00:01",
        }, TestContext.Current.CancellationToken))
        {
            var tenant = await broker.Client.CreateTenantAsync("queue", Ct);
            var group = await broker.Client.CreateGroupAsync(tenant, "team", Ct);
            var (_, key) = await broker.Client.CreateMemberAsync(tenant, group, "member", Ct);
            await broker.Client.SetLimitsAsync("tenant", tenant, new JsonObject { ["instances"] = 50 }, Ct);
            using var member = broker.Client.As(key);
            await member.SendAsync(HttpMethod.Get, "/api/me", null, HttpStatusCode.OK, Ct); // its key is cached: no connection to authenticate

            await using var locker = await broker.Admin.OpenConnectionAsync(Ct);
            await using var transaction = await locker.BeginTransactionAsync(Ct);
            await using (var lockRow = new NpgsqlCommand("""SELECT 1 FROM quotas WHERE "Scope" = 'tenant' AND "ScopeId" = @id FOR UPDATE""", locker))
            {
                lockRow.Parameters.AddWithValue("id", tenant);
                await lockRow.ExecuteNonQueryAsync(Ct);
            }

            // Creates, one after another: each takes a connection and waits for the locked row, until one finds none free.
            var held = new List<Task<Answer>>();
            Answer? busy = null;
            while (busy is null)
            {
                Assert.True(held.Count <= 2 * PoolSize, $"{held.Count} creates wait for the locked row and the pool of {PoolSize} still gives connections");
                var waiting = await broker.WaitingForLocksAsync(Ct);
                var create = CreateAsync(member, Guid.NewGuid().ToString());
                var clock = Stopwatch.StartNew();
                while (!create.IsCompleted && await broker.WaitingForLocksAsync(Ct) == waiting && clock.Elapsed < TimeSpan.FromSeconds(5))
                {
                    await Task.Delay(20, Ct);
                }

                if (create.IsCompleted)
                {
                    busy = await create;
                }
                else
                {
                    held.Add(create);
                }
            }

            Assert.True(busy.Status == HttpStatusCode.ServiceUnavailable, $"{(int)busy.Status}: {busy.Body}");
            Assert.Equal("/problems/database-busy", (string?)JsonNode.Parse(busy.Body)!["type"]);
            Assert.Equal(TimeSpan.FromSeconds(1), busy.RetryAfter);
            Assert.InRange(busy.Took, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4)); // ConnectionTimeout: 1 s

            await transaction.RollbackAsync(Ct);
            var released = await Task.WhenAll(held);
            Assert.All(released, a => Assert.True(a.Status == HttpStatusCode.Accepted, $"{(int)a.Status}: {a.Body}"));

            await Task.Delay(busy.RetryAfter!.Value, Ct);
            var retried = await CreateAsync(member, busy.Key);
            Assert.True(retried.Status == HttpStatusCode.Accepted, $"the retry with the same Idempotency-Key answered {(int)retried.Status}: {retried.Body}");
            Assert.False(retried.Replayed);
            folder.Log.Report($"pool exhaustion: pool of {PoolSize}, ConnectionTimeout 1 s: {held.Count} creates held the connections; the next answered " +
                              $"503 database-busy (Retry-After 1 s) after {busy.Took.TotalSeconds:0.00} s; its retry with the same Idempotency-Key: 202");
        }

        folder.Passed();
    }

    private static async Task<Answer> CreateAsync(HttpClient member, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/instances")
        {
            Content = JsonContent.Create(new JsonObject
            {
                ["name"] = "queue-" + key[..8],
                ["providerId"] = MockCloudSettings.ProviderId,
                ["imageId"] = "debian-12",
                ["hardwareProfileId"] = "m1-small",
            }),
        };
        request.Headers.Add("Idempotency-Key", key);
        var clock = Stopwatch.StartNew();
        using var response = await member.SendAsync(request, Ct);
        return new Answer(key, response.StatusCode, await response.Content.ReadAsStringAsync(Ct), response.Headers.RetryAfter?.Delta,
            response.Headers.Contains("Idempotent-Replayed"), clock.Elapsed);
    }

    private sealed record Answer(string Key, HttpStatusCode Status, string Body, TimeSpan? RetryAfter, bool Replayed, TimeSpan Took);
}
