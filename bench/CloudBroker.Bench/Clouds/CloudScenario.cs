using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CloudBroker.Bench.Clouds;

/// <summary>
/// The clouds scenario: per round and per fake (EC2, Azure), a fresh embedded API with one provider on the fake, whose
/// create bucket (and the broker's create pacing) is <see cref="CloudOptions.Burst"/> / <see cref="CloudOptions.RefillPerSecond"/>.
/// All creates are posted at once by the clients; the run is timed until the fake runs the last machine, then every
/// operation is read back for failures and throttled steps.
/// </summary>
internal static class CloudScenario
{
    public const double GoalRatio = 1.2;
    private const string ProviderId = "cloud";

    public static async Task<string> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var apiDll = Bench.ApiDll(options);
        var clouds = options.Clouds;
        var runs = new List<CloudRun>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var driver in round % 2 == 1 ? clouds.Drivers : clouds.Drivers.Reverse())
            {
                await using var fake = await CloudFakes.StartAsync(driver, clouds.Burst, clouds.RefillPerSecond);
                var run = await RunOnceAsync(apiDll, fake, round, options, cancellationToken);
                Console.WriteLine($"round {round}  {driver}: {run.Instances} running in {run.Elapsed.TotalSeconds:F1} s, minimum {run.TheoreticalMinimum.TotalSeconds:F1} s, " +
                    $"ratio {run.Ratio:F3}; throttled at the provider {run.ThrottledAtProvider}, user-visible errors {run.UserVisibleErrors}, not running {run.NotRunning}");
                runs.Add(run);
            }
        }

        return CloudReport.Markdown(options, runs);
    }

    private static async Task<CloudRun> RunOnceAsync(string apiDll, ICloudFake fake, int round, BenchOptions options, CancellationToken cancellationToken)
    {
        var clouds = options.Clouds;
        var key = Bench.NewAdminKey();
        var dataDirectory = Directory.CreateTempSubdirectory("cloudbroker-bench-clouds-");
        try
        {
            var environment = BenchRateLimits.With(Settings(clouds));
            environment["CloudBroker__DataDirectory"] = dataDirectory.FullName;
            environment["CloudBroker__BootstrapAdminKey"] = key;
            foreach (var (name, value) in fake.ProviderEnvironment(ProviderId).Concat(options.Overrides))
            {
                environment[name] = value;
            }

            await using var api = ServerProcess.Start(apiDll, [], environment);
            using var http = new HttpClient { BaseAddress = api.BaseUri, Timeout = TimeSpan.FromSeconds(60) };
            await api.WaitReadyAsync(http, "readyz", TimeSpan.FromSeconds(60), cancellationToken);
            http.DefaultRequestHeaders.Authorization = new("Bearer", key);
            var (image, profile) = await CatalogAsync(http, cancellationToken);
            Console.WriteLine($"round {round}  {fake.Driver}: API {api.BaseUri} pid {api.Pid}, image {image}, profile {profile}");

            var clock = Stopwatch.StartNew();
            var (operations, refused) = await PostAllAsync(http, round, image, profile, clouds.Instances, options.Clients.Max(), cancellationToken);
            var acceptedIn = clock.Elapsed;
            var limit = TimeSpan.FromSeconds((3 * clouds.Instances / clouds.RefillPerSecond) + 60);
            while (fake.Running < operations.Count && clock.Elapsed < limit)
            {
                await Task.Delay(20, cancellationToken);
            }

            var elapsed = clock.Elapsed;
            var (failed, throttledSteps) = await ReadOperationsAsync(http, operations, cancellationToken);
            var running = await CountRunningAsync(http, cancellationToken);
            return new CloudRun(fake.Driver, fake.LimitName, round, clouds.Instances, clouds.Burst, clouds.RefillPerSecond, fake.ReadyAfter, elapsed, acceptedIn,
                fake.Throttled, throttledSteps, refused, failed, clouds.Instances - running);
        }
        finally
        {
            dataDirectory.Delete(recursive: true);
        }
    }

    /// <summary>The API's settings: only the cloud provider, creates paced like the fake's bucket, the workflow polling every 250 ms.</summary>
    private static Dictionary<string, string> Settings(CloudOptions clouds) => new()
    {
        ["CloudBroker__Providers__mock__Enabled"] = "false",
        ["CloudBroker__Providers__libvirt__Enabled"] = "false",
        [$"CloudBroker__Providers__{ProviderId}__Pacing__Create__RequestsPerSecond"] = clouds.RefillPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [$"CloudBroker__Providers__{ProviderId}__Pacing__Create__Burst"] = clouds.Burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["CloudBroker__Provisioning__PollInterval"] = "00:00:00.25",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    private static async Task<(string Image, string Profile)> CatalogAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var images = await http.GetFromJsonAsync<JsonObject>($"api/images?providerId={ProviderId}", cancellationToken);
        var profiles = await http.GetFromJsonAsync<JsonObject>($"api/hardware-profiles?providerId={ProviderId}", cancellationToken);
        return ((string)images!["items"]![0]!["id"]!, (string)profiles!["items"]![0]!["id"]!);
    }

    /// <summary>Posts every create from <paramref name="clients"/> concurrent clients; returns the accepted operations' ids and the refusals.</summary>
    private static async Task<(List<string> Operations, int Refused)> PostAllAsync(
        HttpClient http, int round, string image, string profile, int instances, int clients, CancellationToken cancellationToken)
    {
        var operations = new List<string>(instances);
        var refused = 0;
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) is var i && i < instances)
            {
                var body = new JsonObject { ["name"] = $"bench-{round}-{i}", ["providerId"] = ProviderId, ["imageId"] = image, ["hardwareProfileId"] = profile };
                using var response = await http.PostAsJsonAsync("api/instances", body, cancellationToken);
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    Interlocked.Increment(ref refused);
                    continue;
                }

                var id = (string)(await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!["id"]!;
                lock (operations)
                {
                    operations.Add(id);
                }
            }
        }));
        return (operations, refused);
    }

    private static async Task<(int Failed, int ThrottledSteps)> ReadOperationsAsync(HttpClient http, List<string> operations, CancellationToken cancellationToken)
    {
        int failed = 0, throttled = 0;
        await Parallel.ForEachAsync(operations, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            var operation = await http.GetFromJsonAsync<JsonObject>("api/operations/" + id, ct);
            if ((string?)operation!["status"] == "failed")
            {
                Interlocked.Increment(ref failed);
            }

            Interlocked.Add(ref throttled, operation["steps"]!.AsArray().Count(s => (string?)s!["status"] == "throttled"));
        });
        return (failed, throttled);
    }

    private static async Task<int> CountRunningAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var running = 0;
        string? cursor = null;
        do
        {
            var page = await http.GetFromJsonAsync<JsonObject>(
                $"api/instances?providerId={ProviderId}&state=running&limit=500" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)), cancellationToken);
            running += page!["items"]!.AsArray().Count;
            cursor = (string?)page["next"];
        }
        while (cursor is not null);
        return running;
    }
}
