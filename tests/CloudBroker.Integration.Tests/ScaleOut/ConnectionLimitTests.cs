using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudBroker.Integration.Tests.Quotas;
using CloudBroker.Testing.Postgres;
using Npgsql;

namespace CloudBroker.Integration.Tests.ScaleOut;

/// <summary>
/// Issue 23: one tenant with an instance quota of 10 sends 200 creates at once (64 in flight) over two API processes whose
/// database has fewer connections than their pools together want — as a stock PostgreSQL (<c>max_connections</c> 100)
/// behind a few processes with Npgsql's default pools had, where 74 of the 190 refusals answered <c>500 internal</c>
/// (SQLSTATE 53300). The limit here is the broker's role's <c>CONNECTION LIMIT</c>: PostgreSQL refuses one more connection
/// with the same SQLSTATE 53300 as a full server, on the shared test server and without a superuser's reserved slots.
/// Every answer must be 202, 403 <c>quota-exceeded</c> or 503 <c>database-busy</c> with <c>Retry-After</c>; clients retry a
/// 503 as it says, with the same <c>Idempotency-Key</c>; in the end exactly 10 are accepted and they all run: the worker,
/// under a limit of its own (a role of its own, limited from its first connection to fewer than its pool and listener want),
/// is refused connections too and retries its steps for as long as it is, never failing them. Its own limit gives it the
/// same share in every run, where a shared one left it whatever the API processes' idle pools did not hold.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class ConnectionLimitTests
{
    private const int Creates = 200;
    private const int InFlight = 64;
    private const int QuotaLimit = 10;
    private const int PoolPerProcess = 10;
    private const int RoleConnections = 16; // the two API processes' pools want up to 20, and their listeners hold 2 of these
    private const int WorkerConnections = 3; // the worker's pool wants up to 10, and its listener holds 1 of these
    private const int MaxTriesPerCreate = 30;

    [Fact(Timeout = 240_000)]
    public async Task Two_api_processes_under_a_connection_limit_accept_exactly_the_quota_and_answer_the_rest_403_or_503_never_500()
    {
        var services = ScaleOutServices.FromEnvironment();
        var ct = TestContext.Current.CancellationToken;
        var folder = ScenarioFolder.Create("connection-limit", 1);
        var log = folder.Log;
        var environment = BrokerEnvironment.ForLoad(folder.Path, MockCloudSettings.Reader(TimeSpan.Zero, TimeSpan.FromMilliseconds(100)));
        environment["CloudBroker__Database__MaxPoolSize"] = PoolPerProcess.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["CloudBroker__Database__ConnectionTimeout"] = "00:00:02";
        var database = await ScratchPostgresDatabase.CreateWithOwnerAsync("cb_limit", ct);
        var worker = new Dictionary<string, string> { ["CloudBroker__Database__ConnectionString"] = await database.AddMemberAsync("w", WorkerConnections, ct) };
        await using (var cluster = await ScaleOutCluster.StartAsync(services, folder.Path, environment, apis: 2, workers: 1, log, ct, database, worker))
        {
            var admin = cluster.Api(0);
            var tenant = await admin.CreateTenantAsync("crowd", ct);
            var group = await admin.CreateGroupAsync(tenant, "team", ct);
            var (_, key) = await admin.CreateMemberAsync(tenant, group, "crowd", ct);
            await admin.SetLimitsAsync("tenant", tenant, new JsonObject { ["instances"] = QuotaLimit }, ct);
            var clients = cluster.Apis.Select(api => api.As(key)).ToArray();
            await cluster.Database.LimitConnectionsAsync(RoleConnections, ct);

            var answers = new ConcurrentQueue<Answer>();
            using var slots = new SemaphoreSlim(InFlight);
            using var burst = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var peaks = PeakConnectionsAsync(cluster.Database, burst.Token);
            var clock = Stopwatch.StartNew();
            var finals = await Task.WhenAll(Enumerable.Range(0, Creates).Select(i => CreateUntilAnsweredAsync(clients[i % clients.Length], slots, answers, ct)));
            var took = clock.Elapsed;

            var first = answers.Where(a => a.Try == 1).ToList();
            var busy = answers.Count(a => a.Status == HttpStatusCode.ServiceUnavailable);
            log.Say($"first answers: {Describe(first)}; all answers: {Describe(answers)}; final: {Describe(finals)}");
            var wrong = answers.Where(a => !a.IsExpected).Take(5).Select(a => $"{(int)a.Status} {a.Body}").ToList();
            Assert.True(wrong.Count == 0, "answers other than 202, 403 quota-exceeded and 503 database-busy with Retry-After:\n" + string.Join("\n", wrong));
            Assert.Equal(QuotaLimit, finals.Count(a => a.Status == HttpStatusCode.Accepted));
            Assert.Equal(Creates - QuotaLimit, finals.Count(a => a.Status == HttpStatusCode.Forbidden));
            // The accepted machines all come up, although the worker met a limit too.
            var settling = Stopwatch.StartNew();
            var usage = await WaitUntilRunningAsync(admin, tenant, ct);
            var settled = settling.Elapsed;
            await burst.CancelAsync();
            var (mostConnections, mostWorkerConnections) = await peaks;

            // The processes wanted more connections than their roles may have (two pools of 10 and two listeners; a pool of 10 and a
            // listener): they held all they may, so further opens were refused (53300), whether or not a request waited long
            // enough to see a 503.
            Assert.True(mostConnections >= RoleConnections, $"the API processes held at most {mostConnections} of the {RoleConnections} connections their role may have: the limit never bit");
            Assert.True(mostWorkerConnections >= WorkerConnections, $"the worker held at most {mostWorkerConnections} of the {WorkerConnections} connections its role may have: the limit never bit");
            Assert.Equal((QuotaLimit, 0L), ((long)usage["instances"]!["used"]!, (long)usage["instances"]!["reserved"]!));
            log.Report($"connection limit: {Creates} creates ({InFlight} in flight) over 2 API processes + 1 worker, pools of {PoolPerProcess} per process, " +
                       $"the API processes' role limited to {RoleConnections} connections and the worker's to {WorkerConnections}, quota {QuotaLimit}: first answers {Describe(first)}; " +
                       $"{busy} answers 503 database-busy (Retry-After 1 s) retried with the same Idempotency-Key; both roles at their limits ({mostConnections}, {mostWorkerConnections} connections); " +
                       $"final {Describe(finals)}, 0 answered 500, in {took.TotalSeconds:0.0} s; all {QuotaLimit} running {settled.TotalSeconds:0.0} s after the last answer");
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }

        folder.Passed();
    }

    /// <summary>
    /// One create, sent again with the same key after each 503 once its <c>Retry-After</c> has passed (plus up to a second,
    /// as a client should, so that the clients' retries do not all arrive in the same instant); every answer is recorded.
    /// </summary>
    private static async Task<Answer> CreateUntilAnsweredAsync(HttpClient client, SemaphoreSlim slots, ConcurrentQueue<Answer> answers, CancellationToken ct)
    {
        var key = Guid.NewGuid().ToString();
        var body = new JsonObject
        {
            ["name"] = "crowd-" + key[..8],
            ["providerId"] = MockCloudSettings.ProviderId,
            ["imageId"] = "debian-12",
            ["hardwareProfileId"] = "m1-small",
        };
        for (var attempt = 1; ; attempt++)
        {
            Answer answer;
            await slots.WaitAsync(ct);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/instances") { Content = JsonContent.Create(body) };
                request.Headers.Add("Idempotency-Key", key);
                using var response = await client.SendAsync(request, ct);
                answer = new Answer(attempt, response.StatusCode, await response.Content.ReadAsStringAsync(ct), response.Headers.RetryAfter?.Delta);
            }
            finally
            {
                slots.Release();
            }

            answers.Enqueue(answer);
            if (answer.Status != HttpStatusCode.ServiceUnavailable || answer.RetryAfter is not { } wait || attempt == MaxTriesPerCreate)
            {
                return answer;
            }

            await Task.Delay(wait + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1000)), ct); // at least what it says, spread
        }
    }

    /// <summary>
    /// The most connections the API processes' role and the worker's held at once until <paramref name="stop"/> (read from the
    /// server as its superuser).
    /// </summary>
    private static async Task<(long Apis, long Worker)> PeakConnectionsAsync(ScratchPostgresDatabase database, CancellationToken stop)
    {
        await using var source = NpgsqlDataSource.Create(database.AdminConnectionString);
        long apis = 0, worker = 0;
        while (!stop.IsCancellationRequested)
        {
            await using (var command = source.CreateCommand(
                "SELECT count(*) FILTER (WHERE usename = @role), count(*) FILTER (WHERE usename = @role || '_w') FROM pg_stat_activity"))
            {
                command.Parameters.AddWithValue("role", database.Name);
                await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
                await reader.ReadAsync(CancellationToken.None);
                apis = Math.Max(apis, reader.GetInt64(0));
                worker = Math.Max(worker, reader.GetInt64(1));
            }

            try
            {
                await Task.Delay(50, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return (apis, worker);
    }

    private static async Task<JsonObject> WaitUntilRunningAsync(HttpClient admin, string tenant, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var usage = await admin.UsageAsync("tenant", tenant, ct);
            if ((long)usage["runningInstances"]!["used"]! == QuotaLimit || clock.Elapsed > TimeSpan.FromSeconds(90))
            {
                return usage;
            }

            await Task.Delay(250, ct);
        }
    }

    private static string Describe(IEnumerable<Answer> answers) =>
        string.Join(", ", answers.GroupBy(a => (int)a.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()}×{g.Key}"));

    private sealed record Answer(int Try, HttpStatusCode Status, string Body, TimeSpan? RetryAfter)
    {
        public bool IsExpected => Status switch
        {
            HttpStatusCode.Accepted => true,
            HttpStatusCode.Forbidden => Problem() == "/problems/quota-exceeded",
            HttpStatusCode.ServiceUnavailable => Problem() == "/problems/database-busy" && RetryAfter == TimeSpan.FromSeconds(1),
            _ => false,
        };

        private string? Problem() => Body.Length == 0 ? null : (string?)JsonNode.Parse(Body)?["type"];
    }
}
