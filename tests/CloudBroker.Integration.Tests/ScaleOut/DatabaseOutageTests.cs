using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudBroker.Testing.Postgres;
using Npgsql;

namespace CloudBroker.Integration.Tests.ScaleOut;

/// <summary>
/// Workers treat a database that refuses them as busy, for as long as it does: ten accepted creates whose steps the worker
/// has taken off the bus meet a database that ends their sessions (<c>pg_terminate_backend</c>, 57P01) and then refuses
/// every new one (the role's <c>CONNECTION LIMIT 0</c>, 53300) for longer than the bus once retried a step (about a minute,
/// after which the step faulted and waited for the sweeper). Every step is still in the worker's hands when the database
/// answers again, none faulted, and every machine comes up by the steps' own retries — the sweeper, given a lease longer
/// than the test, never re-drives one.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class DatabaseOutageTests
{
    private const int Creates = 10;
    private const string StepQueue = "ExecuteOperation";

    /// <summary>Longer than the last finite retry budget (0.1 + 0.5 + 1 + 2 + 4 + 8 + 3 × 15 s = 60.6 s).</summary>
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(70);

    [Fact(Timeout = 300_000)]
    public async Task Steps_caught_by_a_database_that_refuses_connections_wait_it_out_and_every_accepted_machine_runs()
    {
        var services = ScaleOutServices.FromEnvironment();
        var ct = TestContext.Current.CancellationToken;
        var folder = ScenarioFolder.Create("database-outage", 1);
        var log = folder.Log;
        var environment = BrokerEnvironment.ForLoad(folder.Path, MockCloudSettings.Reader(TimeSpan.Zero, TimeSpan.FromMilliseconds(100)));
        environment["CloudBroker__Provisioning__LeaseLength"] = "00:10:00"; // the sweeper stays out of it
        var database = await ScratchPostgresDatabase.CreateWithOwnerAsync("cb_outage", ct);
        await using (var cluster = await ScaleOutCluster.StartAsync(services, folder.Path, environment, apis: 1, workers: 1, log, ct, database))
        {
            var admin = cluster.Api(0);

            // The worker takes the steps and waits on the inbox, which an administrator's transaction holds locked; then the
            // database ends its sessions and refuses new ones. Every step has its message and has not finished it.
            await using var administrator = new NpgsqlConnection(database.AdminConnectionString);
            await administrator.OpenAsync(ct);
            var holding = await administrator.BeginTransactionAsync(ct);
            await using (var lockInbox = new NpgsqlCommand("LOCK TABLE inbox IN ACCESS EXCLUSIVE MODE", administrator, holding))
            {
                await lockInbox.ExecuteNonQueryAsync(ct);
            }

            var operations = new List<string>();
            for (var i = 0; i < Creates; i++)
            {
                operations.Add(await CreateAsync(admin, $"outage-{i}", ct));
            }

            await WaitUntilAsync(async () => (await StepsHeldAsync(services, database, ct)) == Creates, TimeSpan.FromSeconds(60), "the worker to take every step", ct);
            await database.LimitConnectionsAsync(0, ct);
            await database.TerminateConnectionsAsync(ct);
            var cut = Stopwatch.StartNew();
            await holding.CommitAsync(ct);
            log.Say($"{Creates} steps taken by the worker; the database refuses its role from now, for {Outage.TotalSeconds:0} s");

            await Task.Delay(Outage, ct);
            var sessions = await SessionsAsync(database, ct);
            var queues = await services.RabbitMq.QueuesAsync(database.Name, ct);
            log.Say("queues at the end of the outage: " + string.Join(", ", queues.Select(q => $"{q.Name} {q.Ready}/{q.Unacknowledged}")));
            Assert.Equal(0, sessions); // the outage was real: the broker's role had no session at all
            Assert.DoesNotContain(queues, q => q.Name.EndsWith("_error", StringComparison.Ordinal) && q.Ready + q.Unacknowledged > 0);
            Assert.Equal(Creates, queues.Single(q => q.Name == StepQueue).Unacknowledged); // still being retried, none given up

            await database.LimitConnectionsAsync(-1, ct);
            var back = Stopwatch.StartNew();
            var ended = await Task.WhenAll(operations.Select(id => WaitForEndAsync(admin, id, ct)));
            var recovery = back.Elapsed;

            Assert.All(ended, operation => Assert.Equal("succeeded", (string?)operation["status"]));
            var swept = ended.Count(operation => operation["steps"]!.AsArray().Any(step => (string?)step!["name"] == "swept"));
            Assert.Equal(0, swept);
            Assert.Null(cluster.ExitedOnItsOwn());
            log.Report($"database outage: {Creates} steps held by the worker through {cut.Elapsed.TotalSeconds - recovery.TotalSeconds:0} s of refused connections " +
                       $"(57P01, then 53300), none faulted; all {Creates} machines running {recovery.TotalSeconds:0.0} s after the database answered, none swept");
        }

        folder.Passed();
    }

    private static async Task<string> CreateAsync(HttpClient admin, string name, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["name"] = name,
            ["providerId"] = MockCloudSettings.ProviderId,
            ["imageId"] = "debian-12",
            ["hardwareProfileId"] = "m1-small",
        };
        using var response = await admin.PostAsJsonAsync("/api/instances", body, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"create {name}: {(int)response.StatusCode} {text}");
        return (string)JsonNode.Parse(text)!["id"]!;
    }

    /// <summary>Messages of the provider-call step that the worker has taken and not yet acknowledged.</summary>
    private static async Task<long> StepsHeldAsync(ScaleOutServices services, ScratchPostgresDatabase database, CancellationToken ct) =>
        (await services.RabbitMq.QueuesAsync(database.Name, ct)).Where(q => q.Name == StepQueue).Sum(q => q.Unacknowledged);

    private static async Task<long> SessionsAsync(ScratchPostgresDatabase database, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(database.AdminConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE usename = @role", connection);
        command.Parameters.AddWithValue("role", database.Name);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    private static async Task<JsonObject> WaitForEndAsync(HttpClient admin, string operationId, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            // A session of the API's pool that the outage ended is found broken on its next use: that request answers 503.
            using var response = await admin.GetAsync("/api/operations/" + operationId, ct);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                var operation = Answer.TryParse(await response.Content.ReadAsStringAsync(ct)) as JsonObject
                    ?? throw new InvalidOperationException($"GET /api/operations/{operationId} answered {(int)response.StatusCode}");
                if (BrokerCalls.TerminalStatuses.Contains((string?)operation["status"]) || clock.Elapsed > TimeSpan.FromSeconds(90))
                {
                    return operation;
                }
            }

            await Task.Delay(250, ct);
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan limit, string what, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < limit, $"waited {limit.TotalSeconds:0} s for {what}");
            await Task.Delay(200, ct);
        }
    }
}
