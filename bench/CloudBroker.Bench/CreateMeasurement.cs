using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace CloudBroker.Bench;

/// <summary>
/// One creates run against a started broker (<see cref="ICreateTarget"/>), the same for every mode: creates to prime it
/// (then drained), the measured creates for a fixed time, the drain until every accepted instance has settled, then
/// each instance's history (acceptance → running in the server's own clock) and the outbox rows (the dispatcher's part).
/// </summary>
internal static class CreateMeasurement
{
    public static async Task<CreateRun> RunAsync(ICreateTarget target, string key, int round, int clients, BenchOptions options, CancellationToken cancellationToken)
    {
        using var setup = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        setup.DefaultRequestHeaders.Authorization = new("Bearer", key);
        using var client = CreateLoad.Client(clients, key);
        if (options.Prime > TimeSpan.Zero)
        {
            var primed = await CreateLoad.RunAsync(client, target.ApiUris, clients, options.Prime, $"p{round}", cancellationToken);
            var (primeDrained, _) = await DrainAsync(setup, target, options.DrainTimeout, cancellationToken);
            Console.WriteLine($"round {round}  primed: {primed.InstanceIds.Count} creates in {options.Prime.TotalSeconds:0} s" +
                $"{(primeDrained ? "" : ", NOT drained")}");
        }

        await target.BeginMeasureAsync(cancellationToken);
        using var self = Process.GetCurrentProcess();
        var brokers = target.Processes;
        var cpu0 = brokers.Select(p => p.Server.CpuTime).ToArray();
        var waited0 = brokers.Select(p => p.Server.RunQueueWaits()).ToArray();
        var other0 = target.OtherMeters.Select(m => m.Read()).ToArray();
        var client0 = self.TotalProcessorTime;
        var threadsAtStart = brokers.Sum(p => p.Server.Threads);
        using var sampling = new CancellationTokenSource();
        var maxThreads = SampleThreadsAsync(brokers, sampling.Token);
        var wall = Stopwatch.StartNew();
        var load = await CreateLoad.RunAsync(client, target.ApiUris, clients, options.Duration, $"r{round}c{clients}", cancellationToken);
        var (drained, drainTime) = await DrainAsync(setup, target, options.DrainTimeout, cancellationToken);
        wall.Stop();
        self.Refresh();
        var usage = brokers.Select((p, i) => new ProcessUsage(p.Name, true, p.Server.CpuTime - cpu0[i], p.Server.RunQueueWaitSince(waited0[i])))
            .Concat(target.OtherMeters.Select((m, i) => new ProcessUsage(m.Name, false, m.Read() - other0[i], null)))
            .Append(new ProcessUsage("harness (load generator)", false, self.TotalProcessorTime - client0, null))
            .ToList();
        await sampling.CancelAsync();
        var threads = await maxThreads;
        await target.EndMeasureAsync(cancellationToken);

        var timelines = await TimelinesAsync(client, target.ApiUris, load.InstanceIds, clients, cancellationToken);
        var outbox = await target.ReadOutboxAsync(cancellationToken);
        var resources = new RunResources(usage, usage[^1].Cpu, wall.Elapsed, threadsAtStart, threads, LoadAverage());
        var run = CreateRun.From(round, clients, load, drained, drainTime, timelines, outbox, resources);
        Console.WriteLine($"round {round}  {clients} clients  accepted {load.InstanceIds.Count} ({load.AcceptedPerSecond:F0}/s, POST p50 {load.P50Ms:F1} ms" +
            $" p99 {load.P99Ms:F1} ms, {load.Errors} errors)  running {run.Running} ({run.RunningPerSecond:F0}/s)" +
            $"  accept→running p50 {run.P50Ms:F0} p95 {run.P95Ms:F0} p99 {run.P99Ms:F0} ms  broker {run.ServerCpuMsPerCreate:F2} ms CPU/create, {run.ServerCores:F2} cores," +
            $" {run.ServerRunnableWaiting:F2} threads waiting for a CPU, {threads} threads max;" +
            $" {run.Pauses.Count} pauses ≥ {CallPauses.Threshold.TotalMilliseconds:0} ms without a provider call ({run.Pauses.Share:P0} of the time)");
        Console.WriteLine($"round {round}  cores: {string.Join(", ", usage.Select(u => $"{u.Name} {resources.Cores(u):F2}"))}");
        if (load.FirstError is not null)
        {
            Console.WriteLine($"round {round}  first error: {load.FirstError}");
        }

        return run;
    }

    /// <summary>Waits until no instance is pending (all accepted creates settled), the timeout passes or a broker process dies.</summary>
    private static async Task<(bool Drained, TimeSpan Took)> DrainAsync(HttpClient setup, ICreateTarget target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var url = new Uri(target.ApiUris[0], "api/instances?state=pending&limit=1");
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < timeout)
        {
            if (target.Processes.FirstOrDefault(p => p.Server.HasExited) is { } dead)
            {
                throw new BenchException($"{dead.Name} exited during the run:{Environment.NewLine}{dead.Server.LastOutput}");
            }

            using var page = JsonDocument.Parse(await setup.GetStringAsync(url, cancellationToken));
            if (page.RootElement.GetProperty("items").GetArrayLength() == 0)
            {
                return (true, Stopwatch.GetElapsedTime(started));
            }

            await Task.Delay(100, cancellationToken);
        }

        return (false, Stopwatch.GetElapsedTime(started));
    }

    private static async Task<int> SampleThreadsAsync(IReadOnlyList<BrokerProcess> processes, CancellationToken stop)
    {
        var max = 0;
        while (!stop.IsCancellationRequested)
        {
            max = Math.Max(max, processes.Sum(p => p.Server.Threads));
            try
            {
                await Task.Delay(250, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return max;
    }

    /// <summary>Each instance's history, from <c>GET /api/instances/{id}/events</c> (spread over the API processes).</summary>
    private static async Task<List<Timeline>> TimelinesAsync(HttpClient client, IReadOnlyList<Uri> apis, IReadOnlyList<string> ids, int parallelism, CancellationToken cancellationToken)
    {
        var timelines = new Timeline[ids.Count];
        await Parallel.ForAsync(0, ids.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var page = await client.GetFromJsonAsync<EventPage>(new Uri(apis[i % apis.Count], $"api/instances/{ids[i]}/events?limit=100"), Json, ct)
                ?? throw new BenchException($"no history for instance {ids[i]}");
            timelines[i] = Timeline.From(ids[i], page.Items);
        });
        return [.. timelines];
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
