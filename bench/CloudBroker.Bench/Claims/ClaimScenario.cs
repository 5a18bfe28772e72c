using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace CloudBroker.Bench.Claims;

/// <summary>One burst on one engine: what it got and what the row holds after it.</summary>
internal sealed record ClaimRun(string Engine, int Round, long Capacity, ClaimBurst Burst, ClaimLedger Ledger)
{
    /// <summary>Claims taken beyond what the row may allocate (the goal is 0).</summary>
    public long Overcommits => Math.Max(0, Math.Max(Burst.Accepted, Ledger.AllocatedCpu) - Capacity);

    /// <summary>Whether the row's counter, its claims and the accepted creates all agree.</summary>
    public bool Exact => Ledger.AllocatedCpu == Ledger.ClaimedCpu && Ledger.Claims == Burst.Accepted && Ledger.ClaimedCpu == Burst.Accepted;
}

/// <summary>
/// The claims scenario (issue 21's "over-commit count across 10k concurrent claims"): per round and engine, a fresh
/// broker, one pool on the mock provider whose realm may allocate a fifth of the claims, then the burst of one-vCPU
/// creates through the API (<see cref="ClaimLoad"/>) and the row read back from the database (<see cref="ClaimLedger"/>).
/// SQLite: the embedded broker (every role, one process). PostgreSQL: two API-only processes on one database and no
/// worker, so the run measures the claims themselves (nothing is provisioned; the outbox rows wait).
/// </summary>
internal static class ClaimScenario
{
    public const string ProviderId = "mock";
    public const string PoolId = "bench";
    public const string RealmId = "eu-1a";
    public const string Sqlite = "SQLite (embedded, 1 process)";
    public const string Postgres = "PostgreSQL (2 API processes)";

    public static async Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var apiDll = Bench.ApiDll(options);
        var clients = options.Clients.Max();
        var capacity = options.ClaimCount / 5;
        var runs = new List<ClaimRun>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var engine in round % 2 == 1 ? new[] { Sqlite, Postgres } : [Postgres, Sqlite])
            {
                var run = engine == Sqlite
                    ? await RunSqliteAsync(apiDll, round, capacity, clients, options, cancellationToken)
                    : await RunPostgresAsync(apiDll, round, capacity, clients, options, cancellationToken);
                Console.WriteLine($"round {round}  {engine,-30} {run.Burst.Accepted} accepted, {run.Burst.RefusedForCapacity} refused, {run.Burst.Other} other " +
                    $"in {run.Burst.Elapsed.TotalSeconds:F1} s ({run.Burst.ClaimsPerSecond:F0} claims/s); allocated {run.Ledger.AllocatedCpu} of {capacity}, " +
                    $"{run.Ledger.Claims} claims: over-commits {run.Overcommits}, {(run.Exact ? "exact" : "NOT exact")}{(run.Burst.FirstOther is { } o ? "; first other: " + o : "")}");
                runs.Add(run);
            }
        }

        return ClaimReport.Markdown(options, clients, capacity, runs);
    }

    private static async Task<ClaimRun> RunSqliteAsync(string apiDll, int round, long capacity, int clients, BenchOptions options, CancellationToken cancellationToken)
    {
        var key = Bench.NewAdminKey();
        var data = Directory.CreateTempSubdirectory("cloudbroker-bench-claims-");
        try
        {
            var environment = new Dictionary<string, string>(CreateScenario.Settings) { ["CloudBroker__DataDirectory"] = data.FullName, ["CloudBroker__BootstrapAdminKey"] = key };
            foreach (var (name, value) in options.Overrides)
            {
                environment[name] = value;
            }

            await using var api = ServerProcess.Start(apiDll, [], environment);
            using (var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(30) })
            {
                await api.WaitReadyAsync(probe, "readyz", TimeSpan.FromSeconds(60), cancellationToken);
            }

            using var admin = AdminOf(api.BaseUri, key);
            await DisableDefaultPoolAsync(admin, cancellationToken); // made by the inventory refresher at start (worker role)
            await CreatePoolAsync(admin, capacity, cancellationToken);
            var burst = await ClaimLoad.RunAsync([api.BaseUri], key, options.ClaimCount, clients, cancellationToken);
            var ledger = await ClaimLedger.ReadSqliteAsync(Path.Combine(data.FullName, "cloudbroker.db"), cancellationToken);
            return new ClaimRun(Sqlite, round, capacity, burst, ledger);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            data.Delete(recursive: true);
        }
    }

    private static async Task<ClaimRun> RunPostgresAsync(string apiDll, int round, long capacity, int clients, BenchOptions options, CancellationToken cancellationToken)
    {
        var key = Bench.NewAdminKey();
        var apisOnly = options with { Scaleout = options.Scaleout with { Workers = 0 } };
        await using var cluster = await ScaleoutCluster.StartAsync(apisOnly, apiDll, Bench.WorkerDll(options), key, CreateScenario.Settings, cancellationToken);
        using var admin = AdminOf(cluster.ApiUris[0], key); // the cluster waited until every process was ready

        // No worker, no refresher: the bench pool is the provider's first, so no default pool is ever made beside it.
        await CreatePoolAsync(admin, capacity, cancellationToken);
        var burst = await ClaimLoad.RunAsync(cluster.ApiUris, key, options.ClaimCount, clients, cancellationToken);
        var ledger = await ClaimLedger.ReadPostgresAsync(cluster.DatabaseConnectionString, cancellationToken);
        return new ClaimRun(Postgres, round, capacity, burst, ledger);
    }

    private static HttpClient AdminOf(Uri api, string key)
    {
        var admin = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return admin;
    }

    /// <summary>The bench pool: the mock's eu-1a holding <paramref name="capacity"/> vCPUs (memory and storage unlimited), open to all.</summary>
    private static async Task CreatePoolAsync(HttpClient admin, long capacity, CancellationToken cancellationToken)
    {
        using var response = await admin.PostAsJsonAsync("api/pools", new JsonObject
        {
            ["id"] = PoolId,
            ["providerId"] = ProviderId,
            ["realms"] = new JsonArray(RealmId),
            ["openToAll"] = true,
            ["capacity"] = new JsonArray(new JsonObject { ["realmId"] = RealmId, ["cpu"] = capacity }),
        }, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new BenchException($"POST /api/pools answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary>Waits for the provider's default pool (open to all, unlimited) and disables it, so every claim meets the bench pool's limit.</summary>
    private static async Task DisableDefaultPoolAsync(HttpClient admin, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            using var current = await admin.GetAsync("api/pools/" + ProviderId, cancellationToken);
            if (current.StatusCode == HttpStatusCode.OK)
            {
                using var put = new HttpRequestMessage(HttpMethod.Put, "api/pools/" + ProviderId)
                {
                    Content = JsonContent.Create(new JsonObject { ["enabled"] = false, ["openToAll"] = true }),
                };
                put.Headers.TryAddWithoutValidation("If-Match", current.Headers.ETag!.ToString());
                using var response = await admin.SendAsync(put, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    throw new BenchException($"PUT /api/pools/{ProviderId} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
                }

                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new BenchException($"no default pool of {ProviderId} after 60 s");
            }

            await Task.Delay(200, cancellationToken);
        }
    }
}
