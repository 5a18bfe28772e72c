using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace CloudBroker.Bench;

/// <summary>
/// One measured run: how many requests completed, how many failed, their sorted latencies, and the CPU time
/// the server process and this (client) process used meanwhile.
/// </summary>
internal sealed record Measurement(int Clients, TimeSpan Elapsed, long Errors, long[] SortedTicks, TimeSpan ServerCpu, TimeSpan ClientCpu)
{
    public double RequestsPerSecond => SortedTicks.Length / Elapsed.TotalSeconds;

    /// <summary>Server CPU time per request, in microseconds: what a request costs, whatever the client took.</summary>
    public double ServerCpuMicroseconds => ServerCpu.TotalMicroseconds / Math.Max(1, SortedTicks.Length);

    public double ServerCores => ServerCpu / Elapsed;

    public double ClientCores => ClientCpu / Elapsed;

    public double P50Ms => PercentileMs(0.50);

    public double P99Ms => PercentileMs(0.99);

    /// <summary>Nearest rank: the smallest latency that at least <paramref name="p"/> of the requests did not exceed.</summary>
    private double PercentileMs(double p) => SortedTicks.Length == 0
        ? double.NaN
        : SortedTicks[Math.Max(0, (int)Math.Ceiling(p * SortedTicks.Length) - 1)] * 1000.0 / Stopwatch.Frequency;
}

/// <summary>
/// Closed-loop load: <c>clients</c> workers, each with its own connection, send the next GET as soon as the
/// previous response body has been read, for a warm-up (discarded) and then a measured period.
/// </summary>
internal static class LoadGenerator
{
    public static async Task<Measurement> RunAsync(
        Uri url, string? bearer, int clients, TimeSpan warmup, TimeSpan duration, Func<TimeSpan> serverCpu, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = clients,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(() => Hammer(client, url, warmup, cancellationToken), cancellationToken)));

        using var self = Process.GetCurrentProcess();
        var (server0, client0) = (serverCpu(), self.TotalProcessorTime);
        var started = Stopwatch.GetTimestamp();
        var workers = await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(() => Hammer(client, url, duration, cancellationToken), cancellationToken)));
        var elapsed = Stopwatch.GetElapsedTime(started);
        self.Refresh();
        var (server1, client1) = (serverCpu(), self.TotalProcessorTime);

        var ticks = workers.SelectMany(w => w.Ticks).ToArray();
        Array.Sort(ticks);
        return new Measurement(clients, elapsed, workers.Sum(w => w.Errors), ticks, server1 - server0, client1 - client0);
    }

    private static async Task<(List<long> Ticks, long Errors)> Hammer(HttpClient client, Uri url, TimeSpan duration, CancellationToken cancellationToken)
    {
        var ticks = new List<long>(64 * 1024);
        long errors = 0;
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < end)
        {
            var sent = Stopwatch.GetTimestamp();
            try
            {
                using var response = await client.GetAsync(url, HttpCompletionOption.ResponseContentRead, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    ticks.Add(Stopwatch.GetTimestamp() - sent);
                }
                else
                {
                    errors++;
                }
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                errors++; // Refused, reset or timed out: counted, not timed.
            }
        }

        return (ticks, errors);
    }
}
