using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace CloudBroker.Bench;

/// <summary>
/// Starts the API and the baseline as child processes, creates the instance to read, then measures every
/// (clients, target) pair <c>rounds</c> times, alternating which target goes first.
/// </summary>
internal static class Bench
{
    public const string Api = "API";
    public const string Bare = "bare";

    public static async Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var apiDll = ApiDll(options);
        var key = NewAdminKey();
        var dataDirectory = Directory.CreateTempSubdirectory("cloudbroker-bench-");
        using var setup = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            await using var api = ServerProcess.Start(apiDll, [], BenchRateLimits.With(new Dictionary<string, string>
            {
                ["CloudBroker__DataDirectory"] = dataDirectory.FullName,
                ["CloudBroker__BootstrapAdminKey"] = key,
                ["CloudBroker__Providers__mock__BootDelay"] = "00:00:00",
                ["Logging__LogLevel__Default"] = "Warning",
            }));
            await using var bare = ServerProcess.Start(typeof(Bench).Assembly.Location, ["--baseline"], new Dictionary<string, string>
            {
                ["Logging__LogLevel__Default"] = "Warning",
            });

            Console.WriteLine($"API  {api.BaseUri} (data in {dataDirectory.FullName})");
            Console.WriteLine($"bare {bare.BaseUri}");
            await api.WaitReadyAsync(setup, "readyz", TimeSpan.FromSeconds(60), cancellationToken);
            setup.DefaultRequestHeaders.Authorization = new("Bearer", key);
            var id = await CreateRunningInstanceAsync(setup, api.BaseUri, cancellationToken);
            await bare.WaitReadyAsync(setup, "api/instances/" + id, TimeSpan.FromSeconds(60), cancellationToken);

            var targets = new Dictionary<string, (Uri Url, ServerProcess Server)>
            {
                [Api] = (new(api.BaseUri, "api/instances/" + id), api),
                [Bare] = (new(bare.BaseUri, "api/instances/" + id), bare),
            };
            var bodies = new Dictionary<string, int>();
            foreach (var (name, (url, _)) in targets)
            {
                bodies[name] = (await setup.GetByteArrayAsync(url, cancellationToken)).Length;
                Console.WriteLine($"{name,-4} GET {url} -> {bodies[name]} bytes");
            }

            // Tiered JIT keeps recompiling hot methods for a while after start; let it finish before round 1.
            foreach (var (name, (url, server)) in targets)
            {
                Console.WriteLine($"priming {name} for {options.Prime.TotalSeconds} s");
                await LoadGenerator.RunAsync(url, key, options.Clients.Max(), TimeSpan.Zero, options.Prime, () => server.CpuTime, cancellationToken);
            }

            var results = new List<RoundResult>();
            for (var round = 1; round <= options.Rounds; round++)
            {
                for (var c = 0; c < options.Clients.Count; c++)
                {
                    // Alternate the order so that neither target always goes first (or runs right after the other).
                    var clients = options.Clients[c];
                    var order = (round + c) % 2 == 1 ? new[] { Api, Bare } : [Bare, Api];
                    foreach (var target in order)
                    {
                        var (url, server) = targets[target];
                        var m = await LoadGenerator.RunAsync(url, key, clients, options.Warmup, options.Duration, () => server.CpuTime, cancellationToken);
                        results.Add(new RoundResult(round, target, m));
                        Console.WriteLine($"round {round}  {target,-4} {clients,3} clients  {m.RequestsPerSecond,7:F0} req/s  p50 {m.P50Ms,6:F2} ms" +
                            $"  p99 {m.P99Ms,6:F2} ms  server {m.ServerCpuMicroseconds,5:F0} µs CPU/req  errors {m.Errors}");
                    }
                }
            }

            return Report.Markdown(options, bodies, results);
        }
        finally
        {
            dataDirectory.Delete(recursive: true);
        }
    }

    private static async Task<string> CreateRunningInstanceAsync(HttpClient client, Uri baseUri, CancellationToken cancellationToken)
    {
        using var created = await client.PostAsJsonAsync(new Uri(baseUri, "api/instances"), new
        {
            name = "bench-1",
            providerId = "mock",
            imageId = "debian-12",
            hardwareProfileId = "m1-small",
        }, cancellationToken);
        if (created.StatusCode != HttpStatusCode.Accepted || created.Headers.Location is null)
        {
            throw new BenchException($"POST /api/instances answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var instance = new Uri(baseUri, created.Headers.Location);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var body = JsonDocument.Parse(await client.GetStringAsync(instance, cancellationToken));
            var state = body.RootElement.GetProperty("state").GetString();
            if (state == "running")
            {
                return body.RootElement.GetProperty("id").GetString()!;
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new BenchException($"{instance} did not reach 'running' within 20 s");
    }

    /// <summary>The API binary to measure: <c>--api</c>, or the Release build of this checkout.</summary>
    public static string ApiDll(BenchOptions options) =>
        Path.GetFullPath(options.ApiDll ?? Path.Combine(RepositoryRoot(), "services/CloudBroker.Api/bin/Release/net10.0/CloudBroker.Api.dll"));

    /// <summary>The worker host binary for the scaleout scenario: <c>--worker</c>, or the Release build of this checkout.</summary>
    public static string WorkerDll(BenchOptions options) =>
        Path.GetFullPath(options.Scaleout.WorkerDll ?? Path.Combine(RepositoryRoot(), "services/CloudBroker.Worker/bin/Release/net10.0/CloudBroker.Worker.dll"));

    /// <summary>A random key in the broker's format, installed as the bootstrap admin key of a fresh data folder.</summary>
    public static string NewAdminKey() =>
        "cbk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The checkout this harness was built in: the nearest folder up from the binary holding CloudBroker.sln.</summary>
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CloudBroker.sln")))
            {
                return dir.FullName;
            }
        }

        throw new BenchException("CloudBroker.sln not found above " + AppContext.BaseDirectory + "; pass --api <dll> (and --worker <dll>)");
    }
}

internal sealed record RoundResult(int Round, string Target, Measurement Measurement);
